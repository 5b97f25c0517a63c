using System.ComponentModel.DataAnnotations;

namespace AiProd.Hosting;

/// <summary>Where saga state is kept (section <c>Saga</c>).</summary>
public sealed class SagaStoreOptions
{
    public const string Section = "Saga";

    /// <summary>"InMemory": state lives as long as the process (the durable SQLite and Firestore stores come with their issue).</summary>
    [Required]
    public string Store { get; set; } = "InMemory";
}
