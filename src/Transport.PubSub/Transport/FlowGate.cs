namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Client-side flow control: at most N messages and B bytes are being consumed at once; the rest wait, leased. Needed
/// because the server's own limit is advisory (and the emulator ignores it). A single message larger than B still runs,
/// alone.
/// </summary>
internal sealed class FlowGate(int maxMessages, long maxBytes)
{
    private readonly object _gate = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Ready)> _waiting = new();
    private int _messages;
    private long _bytes;

    public async Task EnterAsync(long bytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource ready;
        LinkedListNode<(long, TaskCompletionSource)> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && Fits(bytes))
            {
                _messages++;
                _bytes += bytes;
                return;
            }

            ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast((bytes, ready));
        }

        try
        {
            await ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    throw;
                }
            }

            // Admitted just as it was cancelled: give the slot back.
            Leave(bytes);
            throw;
        }
    }

    public void Leave(long bytes)
    {
        lock (_gate)
        {
            _messages--;
            _bytes -= bytes;
            while (_waiting.First is { } first && Fits(first.Value.Bytes))
            {
                _waiting.RemoveFirst();
                _messages++;
                _bytes += first.Value.Bytes;
                first.Value.Ready.TrySetResult();
            }
        }
    }

    private bool Fits(long bytes) => _messages < maxMessages && (_bytes + bytes <= maxBytes || _messages == 0);
}
