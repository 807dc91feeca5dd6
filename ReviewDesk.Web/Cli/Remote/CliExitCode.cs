namespace ReviewDesk.Web.Cli.Remote;

/// <summary>The exit codes of the server verbs (the README's table).</summary>
public static class CliExitCode
{
    /// <summary>Done.</summary>
    public const int Success = 0;
    /// <summary>Anything else: the server is unreachable, timed out, or failed (5xx).</summary>
    public const int Failure = 1;
    /// <summary>Bad usage, or a request the server refused as invalid (400, 413, 415, 422).</summary>
    public const int Usage = 2;
    /// <summary>No such ticket, workflow or version (404).</summary>
    public const int NotFound = 3;
    /// <summary>The state forbids it: already decided, claimed by another reviewer, not a draft (409).</summary>
    public const int Conflict = 4;
    /// <summary>No, an unknown or a revoked API key (401), or the key's roles do not allow it (403).</summary>
    public const int Auth = 5;

    /// <summary>The exit code for an error answer of the HTTP API.</summary>
    public static int ForStatus(int statusCode) => statusCode switch
    {
        400 or 413 or 415 or 422 => Usage,
        404 => NotFound,
        409 => Conflict,
        401 or 403 => Auth,
        _ => Failure,
    };
}
