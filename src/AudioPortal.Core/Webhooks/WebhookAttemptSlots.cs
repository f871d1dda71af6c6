namespace AudioPortal.Core.Webhooks;

/// <summary>
/// The in-process caps on attempts in flight: <see cref="WebhooksOptions.MaxConcurrentPerAccount"/> per account and
/// <see cref="WebhooksOptions.MaxConcurrentAttempts"/> in all. A slot is held from the claim until the attempt is recorded.
/// </summary>
internal sealed class WebhookAttemptSlots(WebhooksOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _byAccount = [];
    private int _held;

    /// <summary>How many more attempts may start now, and the accounts already at their cap.</summary>
    public (int Free, string[] FullAccounts) Snapshot()
    {
        lock (_gate)
        {
            return (options.MaxConcurrentAttempts - _held,
                [.. _byAccount.Where(a => a.Value >= options.MaxConcurrentPerAccount).Select(a => a.Key)]);
        }
    }

    public bool TryTake(string accountId)
    {
        lock (_gate)
        {
            var mine = _byAccount.GetValueOrDefault(accountId);
            if (_held >= options.MaxConcurrentAttempts || mine >= options.MaxConcurrentPerAccount)
            {
                return false;
            }

            _byAccount[accountId] = mine + 1;
            _held++;
            return true;
        }
    }

    public void Give(string accountId)
    {
        lock (_gate)
        {
            _held--;
            if (--_byAccount[accountId] == 0)
            {
                _byAccount.Remove(accountId);
            }
        }
    }
}
