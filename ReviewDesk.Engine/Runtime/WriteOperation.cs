using System.Diagnostics;

namespace ReviewDesk.Engine.Runtime;

/// <summary>A unit of work for the store's single writer; its result is released only after the commit.</summary>
internal abstract class WriteOperation
{
    /// <summary>
    /// The span of the code that queued the write, captured on its thread: spans the write starts on the writer
    /// (a workflow start, a resume) are its children.
    /// </summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    /// <summary>True when the caller gave up before the operation ran; it is then skipped.</summary>
    public abstract bool IsCancelled { get; }

    public abstract void Run(WorkflowTransaction batch);

    /// <summary>Marks a failure of this operation alone; the batch commits the others.</summary>
    public abstract void Fail(Exception error);

    /// <summary>Releases the outcome to the caller once the batch committed (or was given up).</summary>
    public abstract void Complete();

    /// <summary>Fails the caller because the whole batch could not be committed.</summary>
    public abstract void Abort(Exception error);
}

/// <summary>A write operation that produces a <typeparamref name="T"/>.</summary>
internal sealed class WriteOperation<T>(Func<WorkflowTransaction, T> work, CancellationToken cancellationToken) : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;
    private Exception? _error;
    private bool _ran;

    public Task<T> Task => _completion.Task;

    public override bool IsCancelled => cancellationToken.IsCancellationRequested;

    public override void Run(WorkflowTransaction batch)
    {
        _error = null;
        _ran = true;
        _result = work(batch);
    }

    public override void Fail(Exception error) => _error = error;

    public override void Complete()
    {
        if (!_ran)
        {
            _completion.TrySetCanceled(cancellationToken);
        }
        else if (_error is not null)
        {
            _completion.TrySetException(_error);
        }
        else
        {
            _completion.TrySetResult(_result);
        }
    }

    public override void Abort(Exception error) => _completion.TrySetException(error);
}
