using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Tests.Architecture;

/// <summary>
/// Engine and Workflows tests (and the test support they share) stand without the web project: none of
/// their compiled types, lambdas or state machines uses a type of <c>ReviewDesk.Web</c> or of the web
/// test support in <c>ReviewDesk.Tests.Support.Web</c>.
/// </summary>
public sealed class TestBoundaryTests
{
    private static readonly string[] WebFree = ["ReviewDesk.Tests.Engine", "ReviewDesk.Tests.Workflows", "ReviewDesk.Tests.Support"];

    [Fact]
    public void No_Engine_or_Workflows_test_uses_the_web_project()
    {
        var scanned = TestTypes().Where(t => WebFree.Any(n => InNamespace(t, n)) && !InNamespace(t, "ReviewDesk.Tests.Support.Web")).ToList();
        Assert.True(scanned.Count > 100, $"only {scanned.Count} types scanned");

        var offences = scanned
            .SelectMany(t => TypeReferences.Of(t).Where(IsWeb).Select(used => $"{t.FullName} uses {used.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(offences);
    }

    [Fact]
    public void The_scan_sees_a_web_type_used_only_inside_a_lambda_or_an_async_method()
    {
        // WebHostTests uses the web app through its factory inside async test methods: the types that
        // carry those uses are the compiler's state machines, and the scan must find them there.
        var webTest = TestTypes().Where(t => InNamespace(t, "ReviewDesk.Tests.Web")).ToList();
        var users = webTest.Where(t => TypeReferences.Of(t).Any(IsWeb)).ToList();

        Assert.Contains(users, t => t.Name.Contains('<', StringComparison.Ordinal));
    }

    [Fact]
    public void The_scan_sees_engine_types_used_by_engine_tests()
    {
        var used = TestTypes().Where(t => InNamespace(t, "ReviewDesk.Tests.Engine")).SelectMany(TypeReferences.Of).ToHashSet();

        Assert.Contains(typeof(WorkflowRuntime), used);
    }

    private static IEnumerable<Type> TestTypes() => typeof(TestBoundaryTests).Assembly.GetTypes();

    private static bool InNamespace(Type type, string name) =>
        type.Namespace is { } ns && (ns == name || ns.StartsWith(name + ".", StringComparison.Ordinal));

    private static bool IsWeb(Type type) =>
        type.Assembly.GetName().Name == "ReviewDesk.Web" || InNamespace(type, "ReviewDesk.Tests.Support.Web");
}
