namespace ReviewDesk.Web.Cli.Remote;

/// <summary>Arguments that parse but do not make sense together (or name a file that is not there): exit 2.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException() { }

    public CliUsageException(string message) : base(message) { }

    public CliUsageException(string message, Exception innerException) : base(message, innerException) { }
}
