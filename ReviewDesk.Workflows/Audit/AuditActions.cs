namespace ReviewDesk.Workflows.Audit;

/// <summary>The actions the audit trail records.</summary>
public static class AuditActions
{
    /// <summary>A reviewer approved a ticket (labels before and after, comment, model, confidence).</summary>
    public const string Approve = "approve";
    /// <summary>A reviewer rejected a ticket.</summary>
    public const string Reject = "reject";
    /// <summary>A ticket was escalated: by a reviewer, or by the system when its review deadline passed.</summary>
    public const string Escalate = "escalate";
    /// <summary>A reviewer claimed a free (or lapsed) ticket. Renewals of one's own claim are not recorded.</summary>
    public const string Claim = "claim";
    /// <summary>An admin took over another reviewer's live claim.</summary>
    public const string TakeOver = "take_over";
    /// <summary>A claim was released.</summary>
    public const string Release = "release";
    /// <summary>Someone assigned a ticket to a reviewer (a claim held for them) from a bulk action; the detail names the assignee.</summary>
    public const string Assign = "assign";
    /// <summary>Someone revealed a ticket's original PII values (the types, never the values, are recorded).</summary>
    public const string RevealPii = "reveal_pii";
    /// <summary>A workflow definition version was published.</summary>
    public const string PublishDefinition = "publish_definition";
    /// <summary>A published workflow definition version was retracted.</summary>
    public const string RetractDefinition = "retract_definition";
    /// <summary>A draft of a workflow definition was deleted.</summary>
    public const string DeleteDraft = "delete_draft";
    /// <summary>An older definition version's document was saved as the draft.</summary>
    public const string RevertDefinition = "revert_definition";
    /// <summary>An operator cancelled a workflow instance (with the reason given).</summary>
    public const string CancelInstance = "cancel_instance";
    /// <summary>An operator retried a faulted workflow instance from the node that failed.</summary>
    public const string RetryInstance = "retry_instance";
    /// <summary>An API key was created (or provisioned from configuration).</summary>
    public const string CreateApiKey = "create_api_key";
    /// <summary>An API key was revoked.</summary>
    public const string RevokeApiKey = "revoke_api_key";

    /// <summary>A local model version was made the active one: a retrain that evaluated not worse, or an admin's promotion of a newer version.</summary>
    public const string PromoteModel = "promote_model";
    /// <summary>An admin made an earlier local model version (or the base model) the active one again.</summary>
    public const string RollbackModel = "rollback_model";
    /// <summary>An admin put a local model version in shadow mode (it classifies live tickets without acting) or took it out.</summary>
    public const string ShadowModel = "shadow_model";

    /// <summary>A signed decision link from a notification decided a ticket (the decision itself is recorded as approve or reject).</summary>
    public const string DecisionLinkUsed = "decision_link_used";
    /// <summary>A decision link was refused: tampered, expired, used already, wrong recipient, or the ticket was closed.</summary>
    public const string DecisionLinkRefused = "decision_link_refused";

    /// <summary>The actor of what the system does by itself (deadline escalations, start-up installs).</summary>
    public const string SystemActor = "system";

    /// <summary>Every action, in the order the audit page lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [
            Approve, Reject, Escalate, Claim, TakeOver, Release, Assign, RevealPii, CancelInstance, RetryInstance,
            PublishDefinition, RetractDefinition, DeleteDraft, RevertDefinition, CreateApiKey, RevokeApiKey, PromoteModel, RollbackModel, ShadowModel, DecisionLinkUsed, DecisionLinkRefused,
        ];
}
