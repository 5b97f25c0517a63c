using System.ComponentModel.DataAnnotations;

namespace AiProd.Gateway.Webhooks;

/// <summary>How webhooks are delivered (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>The Standard Webhooks schedule: eight attempts over about 28 hours.</summary>
    public static readonly IReadOnlyList<TimeSpan> StandardSchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>
    /// The waits between attempts, after the first one that is made at once; empty (the default):
    /// <see cref="StandardSchedule"/> (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h). Each wait gets up to
    /// <see cref="JitterFraction"/> more at random, so receivers coming back are not hit all at once. After the last
    /// attempt fails, the delivery is parked. (Empty by default because configuration binding appends to an array.)
    /// </summary>
    public TimeSpan[] RetrySchedule { get; set; } = [];

    /// <summary>The schedule in force.</summary>
    public IReadOnlyList<TimeSpan> Schedule => RetrySchedule.Length == 0 ? StandardSchedule : RetrySchedule;

    /// <summary>The share of a wait added at random (0–1).</summary>
    [Range(0.0, 1.0)]
    public double JitterFraction { get; set; } = 0.1;

    /// <summary>How long one attempt may take, connection and response headers included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a receiver's response body is read (it is kept, cut, with a failed attempt).</summary>
    [Range(0, 65536)]
    public int MaxResponseBytes { get; set; } = 1024;

    /// <summary>How often the queue is looked at for deliveries that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Development only: lets webhook URLs be <c>http://</c> on a loopback host (127.0.0.1, [::1], localhost) so a
    /// receiver on the same machine can be tried. Off, only https URLs whose every address is public are accepted.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Most standing subscriptions one owner may have.</summary>
    [Range(1, 1000)]
    public int MaxSubscriptionsPerOwner { get; set; } = 20;

    /// <summary>The Firestore collection (or SQLite table <c>webhooks</c>) of the subscriptions.</summary>
    public string SubscriptionsCollection { get; set; } = "webhooks";

    /// <summary>The Firestore collection (or SQLite table <c>webhook_deliveries</c>) of the delivery queue.</summary>
    public string DeliveriesCollection { get; set; } = "webhookDeliveries";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetrySchedule.Length > 20 || RetrySchedule.Any(t => t < TimeSpan.FromMilliseconds(1) || t > TimeSpan.FromDays(2)))
            yield return new ValidationResult("Webhooks:RetrySchedule must hold at most 20 waits, each from 1 ms to 2 days.", [nameof(RetrySchedule)]);
    }
}
