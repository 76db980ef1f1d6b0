using System.CommandLine;

namespace OrleansGan.Cli.Cluster;

internal static class ClusterCommand
{
    /// <summary>Runs an action against the cluster the options name, closing the connection (or embedded silo) after.</summary>
    public static void SetClusterAction(this Command command, bool preferEmbedded, Func<ParseResult, ClusterSession, CancellationToken, Task<int>> action) =>
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            await using var session = await ClusterSession.OpenAsync(parse, preferEmbedded, cancellation);
            return await action(parse, session, cancellation);
        });
}
