using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace OrleansGan.Cli.Cluster;

/// <summary>The default verbosity's log line: level and message, an exception by its message only (--verbose shows stack traces).</summary>
internal sealed class OneLineLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "orleansgan-one-line";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes, TextWriter output)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (entry.Exception is { } e) message += $": {e.GetBaseException().Message}";
        output.WriteLine($"{Level(entry.LogLevel)}: {message.ReplaceLineEndings(" ")}");
    }

    static string Level(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        _ => level.ToString().ToLowerInvariant(),
    };
}
