using System.Reflection;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Tests.Engine;

/// <summary>The engine knows workflows, not tickets: what its compiled assembly references, it may use.</summary>
public sealed class EngineBoundaryTests
{
    [Fact]
    public void EngineAssembly_ReferencesNoTriageAiPiiOrWebAssembly()
    {
        var references = typeof(WorkflowRuntime).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        string[] forbidden = ["ReviewDesk.Workflows", "ReviewDesk.Web", "Microsoft.ML", "Microsoft.SemanticKernel", "PhoneNumbers", "Microsoft.AspNetCore"];
        Assert.DoesNotContain(references, r => forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal)));
        Assert.Contains("Microsoft.EntityFrameworkCore", references);
    }

    [Fact]
    public void EngineAssembly_HasNoTypeNamedAfterTheTriageDomain()
    {
        var names = typeof(WorkflowRuntime).Assembly.GetTypes().Where(t => t.IsPublic).Select(t => t.FullName!).ToList();

        Assert.DoesNotContain(names, n => n.Contains("Ticket", StringComparison.Ordinal) || n.Contains("Pii", StringComparison.Ordinal) || n.Contains("Audit", StringComparison.Ordinal));
        Assert.All(names, n => Assert.StartsWith("ReviewDesk.Engine", n, StringComparison.Ordinal));
    }
}
