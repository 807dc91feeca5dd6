namespace ReviewDesk.Workflows.Triage;

/// <summary>Names shared by the triage workflow and its activities.</summary>
public static class TriageDefinitions
{
    /// <summary>The default workflow every new ticket runs.</summary>
    public const string DefaultDefinitionId = "support-triage";

    /// <summary>The bookmark kind of a pending review.</summary>
    public const string ApprovalBookmark = "approval";

    /// <summary>Variables the triage activities exchange.</summary>
    public static class Variables
    {
        /// <summary>PII summary: types found and whether any is high-risk.</summary>
        public const string Pii = "pii";
        /// <summary>The AI's classification.</summary>
        public const string Classification = "classification";
        /// <summary>Review decision of the Decide step: required and reasons.</summary>
        public const string Review = "review";
        /// <summary>The category used for routing (edited by a reviewer or the AI's).</summary>
        public const string FinalCategory = "finalCategory";
        /// <summary>The priority used for routing (after edits and escalations).</summary>
        public const string FinalPriority = "finalPriority";
    }
}
