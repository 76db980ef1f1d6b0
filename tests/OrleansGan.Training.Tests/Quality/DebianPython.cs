using System.Diagnostics;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>
/// Debian's /usr/bin/python3, where apt's python3-numpy and python3-scipy live (./test.sh installs them when missing;
/// the python3 on PATH may be another one without them).
/// </summary>
static class DebianPython
{
    const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs a script that sits beside this test's assembly and returns what it printed; fails the test on any error.</summary>
    public static string Run(string script, params string[] arguments)
    {
        Assert.True(File.Exists(Interpreter), $"{Interpreter} is missing: apt-get install python3-numpy python3-scipy (./test.sh does)");
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Quality", script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish within 5 minutes");
        }
        Assert.True(process.ExitCode == 0,
            $"{script} exited with {process.ExitCode} (python3-numpy and python3-scipy installed? ./test.sh installs them): {error.Result}");
        return output.Result;
    }
}
