using System.ComponentModel.DataAnnotations;

namespace AiProd.Gateway.Live;

/// <summary>How the live streams (SSE and the hub) wait between reads of the stores (section <c>Live</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// The longest wait without a signal from the bus or this gateway. Signals make the streams live; this only bounds
    /// the delay when one is lost (a comment written on another replica, a replica that was not subscribed yet).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SafetyPoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A signal that found nothing new is read once more after this: an internal event (a shot rendered) can reach
    /// the gateway before the saga has stored what it caused.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Follow the bus (default): a temporary endpoint per replica whose events wake the streams. On Pub/Sub that is a
    /// subscription the replica creates at start and deletes at stop, which needs <c>roles/pubsub.editor</c>; false:
    /// no subscription, and the streams see changes made elsewhere at the next <see cref="SafetyPoll"/>.
    /// </summary>
    public bool FollowBus { get; set; } = true;
}
