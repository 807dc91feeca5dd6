using System.Collections.Frozen;

namespace ReviewDesk.Engine.Activities;

/// <summary>The activity types this process can run, by type name.</summary>
public sealed class ActivityRegistry
{
    private readonly FrozenDictionary<string, ActivityRegistration> _byType;

    /// <summary>Builds the registry from the registrations made with <c>AddWorkflowActivity</c>.</summary>
    public ActivityRegistry(IEnumerable<ActivityRegistration> registrations)
    {
        var byType = new Dictionary<string, ActivityRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            // The last registration of a type wins, so a host can replace a built-in.
            byType[registration.Descriptor.Type] = registration;
        }

        _byType = byType.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>All registered descriptors, ordered by category and name (the designer's toolbox).</summary>
    public IReadOnlyList<ActivityDescriptor> Descriptors =>
        [.. _byType.Values.Select(r => r.Descriptor).OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.Type, StringComparer.Ordinal)];

    /// <summary>Finds a registration by type name.</summary>
    public bool TryGet(string type, out ActivityRegistration registration) => _byType.TryGetValue(type, out registration!);
}

/// <summary>One registered activity type: its descriptor and the class that implements it.</summary>
/// <param name="Descriptor">The static description.</param>
/// <param name="ImplementationType">The class created per execution.</param>
public sealed record ActivityRegistration(ActivityDescriptor Descriptor, Type ImplementationType)
{
    private readonly Lazy<Microsoft.Extensions.DependencyInjection.ObjectFactory> _factory =
        new(() => Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateFactory(ImplementationType, []));

    /// <summary>Creates an instance with its constructor dependencies from <paramref name="services"/>.</summary>
    public IActivity Create(IServiceProvider services) => (IActivity)_factory.Value(services, null);
}
