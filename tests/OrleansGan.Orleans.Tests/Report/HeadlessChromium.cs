using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OrleansGan.Testing;

namespace OrleansGan.Orleans.Tests.Report;

/// <summary>
/// Debian's chromium, headless, driven over the DevTools protocol (a WebSocket to the page): opens a file, evaluates
/// script in it, takes screenshots, and records what a page must not do: console errors, uncaught exceptions, browser
/// log errors (failed loads) and every URL it requests. The process is killed when disposed.
/// </summary>
sealed class HeadlessChromium : IAsyncDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);
    static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(2);

    readonly ChildProcess _process;
    readonly DirectoryInfo _profile;
    readonly ClientWebSocket _socket;
    readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource> _awaited = new();
    readonly Task _reading;
    int _nextId;

    public ConcurrentQueue<string> Errors { get; } = new();
    public ConcurrentQueue<string> RequestedUrls { get; } = new();

    HeadlessChromium(ChildProcess process, DirectoryInfo profile, ClientWebSocket socket)
    {
        (_process, _profile, _socket) = (process, profile, socket);
        _reading = Task.Run(ReadAsync);
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        var executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium not found: ./test.sh installs Debian's chromium package (apt-get install chromium)");
        var profile = Directory.CreateTempSubdirectory("orleansgan-chromium-");
        var process = ChildProcess.Start(executable, profile.FullName,
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--mute-audio",
             "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", "about:blank"]);
        try
        {
            var port = await DevToolsPortAsync(process, profile.FullName);
            using var http = new HttpClient();
            var targets = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/json/list");
            var page = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), CancellationToken.None);
            var chromium = new HeadlessChromium(process, profile, socket);
            foreach (var domain in new[] { "Runtime", "Log", "Network", "Page" }) await chromium.SendAsync($"{domain}.enable");
            return chromium;
        }
        catch
        {
            process.Dispose();
            profile.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Chromium writes the port it picked (--remote-debugging-port=0) into DevToolsActivePort in its profile.</summary>
    static async Task<int> DevToolsPortAsync(ChildProcess process, string profile)
    {
        var file = Path.Combine(profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            if (File.Exists(file) && (await File.ReadAllLinesAsync(file)) is [var port, ..] && int.TryParse(port, out var number)) return number;
            if (process.HasExited) throw new InvalidOperationException($"chromium exited with {process.ExitCode}:\n{process.Error}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"chromium wrote no DevTools port in {StartLimit}:\n{process.Error}");
            await Task.Delay(100);
        }
    }

    /// <summary>Opens the file in a viewport of the given size and waits for its load event.</summary>
    public async Task OpenAsync(string path, int width, int height)
    {
        await SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = false });
        var loaded = Awaited("Page.loadEventFired");
        await SendAsync("Page.navigate", new { url = new Uri(Path.GetFullPath(path)).AbsoluteUri });
        await loaded.WaitAsync(CommandLimit);
    }

    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var exception)) throw new InvalidOperationException($"script failed: {exception}");
        return result.GetProperty("result").GetProperty("value");
    }

    /// <summary>A PNG of the page's top-left width x height CSS pixels, beyond the viewport if need be, at one device pixel per CSS pixel.</summary>
    public async Task<byte[]> ScreenshotAsync(int width, int height)
    {
        var shot = await SendAsync("Page.captureScreenshot",
            new { format = "png", captureBeyondViewport = true, clip = new { x = 0, y = 0, width, height, scale = 1 } });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        return await reply.Task.WaitAsync(CommandLimit);
    }

    Task Awaited(string method) =>
        _awaited.GetOrAdd(method, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult received;
            try { received = await _socket.ReceiveAsync(buffer, CancellationToken.None); }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { break; }
            if (received.MessageType == WebSocketMessageType.Close) break;
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage) continue;
            using var json = JsonDocument.Parse(message.ToArray());
            message.SetLength(0);
            Dispatch(json.RootElement.Clone());
        }
        foreach (var pending in _pending.Values) pending.TrySetException(new InvalidOperationException("chromium closed the DevTools connection"));
    }

    void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id))
        {
            if (!_pending.TryRemove(id.GetInt32(), out var reply)) return;
            if (message.TryGetProperty("error", out var error)) reply.TrySetException(new InvalidOperationException($"DevTools: {error}"));
            else reply.TrySetResult(message.GetProperty("result"));
            return;
        }
        var method = message.GetProperty("method").GetString()!;
        var parameters = message.GetProperty("params");
        switch (method)
        {
            case "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() is "error" or "assert":
                Errors.Enqueue($"console.{parameters.GetProperty("type").GetString()}: {string.Join(" ", parameters.GetProperty("args").EnumerateArray().Select(a => a.ToString()))}");
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue($"uncaught: {parameters.GetProperty("exceptionDetails")}");
                break;
            case "Log.entryAdded" when parameters.GetProperty("entry").GetProperty("level").GetString() == "error":
                Errors.Enqueue($"log: {parameters.GetProperty("entry")}");
                break;
            case "Network.requestWillBeSent":
                RequestedUrls.Enqueue(parameters.GetProperty("request").GetProperty("url").GetString()!);
                break;
        }
        if (_awaited.TryRemove(method, out var awaited)) awaited.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Abort();
            await _reading;
            _socket.Dispose();
        }
        finally
        {
            _process.Dispose();
            try { _profile.Delete(recursive: true); }
            catch (IOException) { /* chromium's last writes may race the delete; the profile is in the temp folder */ }
        }
    }
}
