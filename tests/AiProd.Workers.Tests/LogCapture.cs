using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Tests;

/// <summary>A logger provider that keeps every formatted message, for a test that reads what a worker logged.</summary>
internal sealed class LogCapture : ILoggerProvider, ILogger
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
                return [.. _messages];
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    /// <summary>A typed logger for a class built by hand, writing here.</summary>
    public ILogger<T> For<T>() => new Logger<T>(new LoggerFactory([this]));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_messages)
            _messages.Add(formatter(state, exception));
    }

    public void Dispose()
    {
    }
}

