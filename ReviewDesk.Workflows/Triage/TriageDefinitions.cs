using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage;

/// <summary>Names shared by the triage definitions and their activities.</summary>
public static class TriageDefinitions
{
    /// <summary>The definition every ticket runs unless a variant's rule selects another.</summary>
    public const string DefaultDefinitionId = "support-triage";

    /// <summary>The bookmark kind the review gate waits on; a decision resumes it.</summary>
    public const string ApprovalBookmark = "approval";

    /// <summary>The instance variables the triage activities share, each with its type.</summary>
    public static class Variables
    {
        /// <summary>What the scrubber found (types and counts, never values).</summary>
        public static readonly WorkflowVariable<PiiSummary> Pii = new("pii");

        /// <summary>The AI's classification.</summary>
        public static readonly WorkflowVariable<TicketClassification> Classification = new("classification");

        /// <summary>The providers that answered this ticket's Classify steps, in order (a cascade asks each at most once).</summary>
        public static readonly WorkflowVariable<string[]> ModelsAnswered = new("modelsAnswered");

        /// <summary>Whether a reviewer must look, and why.</summary>
        public static readonly WorkflowVariable<ReviewRequirement> Review = new("review");

        /// <summary>The category the ticket is routed by: the AI's, or the reviewer's edit.</summary>
        public static readonly WorkflowVariable<string> FinalCategory = new("finalCategory");

        /// <summary>The priority the ticket is routed by: the AI's, raised by escalations, or the reviewer's edit.</summary>
        public static readonly WorkflowVariable<string> FinalPriority = new("finalPriority");

        /// <summary>True once a reviewer approved the ticket (so its route counts as reviewed, not automatic).</summary>
        public static readonly WorkflowVariable<bool> Reviewed = new("reviewed");
    }
}
