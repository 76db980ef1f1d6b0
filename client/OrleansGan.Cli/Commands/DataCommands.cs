using System.CommandLine;
using OrleansGan.Training.Data;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

/// <summary><c>orleansgan data prepare</c>: puts CIFAR-10, or a synthetic stand-in, where training reads it.</summary>
internal static class DataCommands
{
    public static Command Build()
    {
        var data = new Command("data", "Prepare the data sets that runs train on.");
        data.Subcommands.Add(BuildPrepare());
        return data;
    }

    static Command BuildPrepare()
    {
        var download = new Option<bool>("--download")
        {
            Description = $"Download the CIFAR-10 binary archive, check its MD5 and unpack it to DIR/{CifarFormat.BatchesFolder}. "
                          + "An interrupted download resumes on the next run.",
        };
        var synthetic = new Option<int>("--synthetic")
        {
            Description = $"Instead, generate N training images (a coloured shape per class) in DIR/{CifarFormat.SyntheticFolder}.",
            HelpName = "N",
        };
        var dir = new Option<string>("--dir") { Description = "The data directory.", DefaultValueFactory = _ => "data", HelpName = "DIR" };
        var url = new Option<string>("--url") { Description = "Where to download the archive from.", DefaultValueFactory = _ => CifarDownloader.OfficialUrl };
        var md5 = new Option<string>("--md5") { Description = "The archive's MD5, in hexadecimal.", DefaultValueFactory = _ => CifarDownloader.OfficialMd5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic images.", DefaultValueFactory = _ => 1 };

        var prepare = new Command("prepare", "Download CIFAR-10 or generate a synthetic set, then print the directory that holds it.");
        foreach (var option in new Option[] { download, synthetic, dir, url, md5, seed }) prepare.Options.Add(option);
        prepare.SetGuardedAction(async (r, ct) =>
        {
            bool Given(Option option) => r.GetResult(option) is { Implicit: false };

            if (r.GetValue(download) == Given(synthetic))
                throw new UsageException("give exactly one of --download and --synthetic N");
            if (r.GetValue(download) && Given(seed))
                throw new UsageException("--seed applies to --synthetic only");
            if (Given(synthetic) && (Given(url) || Given(md5)))
                throw new UsageException("--url and --md5 apply to --download only");
            if (!Uri.TryCreate(r.GetValue(url), UriKind.Absolute, out var source) || source.Scheme is not ("http" or "https"))
                throw new UsageException($"--url: '{r.GetValue(url)}' is not an http or https address");

            try
            {
                var prepared = Given(synthetic)
                    ? WriteSynthetic(r.GetValue(dir)!, r.GetValue(synthetic), r.GetValue(seed))
                    : await DownloadAsync(r.GetValue(dir)!, source, r.GetValue(md5)!, ct);
                Console.Out.WriteLine(prepared);
                return ExitCodes.Done;
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message.Replace($" (Parameter '{e.ParamName}')", ""));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw new OperationCanceledException("cancelled; a partial download is kept and the next run resumes it");
            }
        });
        return prepare;
    }

    static string WriteSynthetic(string dir, int images, int seed)
    {
        var target = Path.GetFullPath(Path.Combine(dir, CifarFormat.SyntheticFolder));
        SyntheticCifar.Write(target, images, seed);
        return target;
    }

    static async Task<string> DownloadAsync(string dir, Uri url, string md5, CancellationToken ct)
    {
        using var http = new HttpClient();
        var downloader = new CifarDownloader(http);
        // Progress goes to stderr so that stdout carries only the prepared directory, for scripts.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(context =>
            {
                var task = context.AddTask(CifarDownloader.ArchiveName);
                return downloader.PrepareAsync(dir, url, md5, new DownloadProgressTask(task), ct);
            });
    }
}
