using System.Text.Json;

namespace OrleansGan.Container.Tests;

/// <summary>An image's root file system, mounted read-only by `podman image mount`, and its config.</summary>
sealed class MountedImage : IAsyncDisposable
{
    MountedImage(string image, string root, ImageConfig config) => (Image, Root, Config) = (image, root, config);

    public string Image { get; }
    public string Root { get; }
    public ImageConfig Config { get; }
    public ImageUser User => ImageUser.Of(Root, Config.User);

    public static async Task<MountedImage> MountAsync(string image)
    {
        var config = JsonSerializer.Deserialize<ImageConfig>(await Podman.RunAsync("image", "inspect", "--format", "{{json .Config}}", image))
            ?? throw new InvalidOperationException($"podman image inspect {image}: no config");
        var root = (await Podman.RunAsync("image", "mount", image)).Trim();
        return new MountedImage(image, root, config);
    }

    public async ValueTask DisposeAsync() => await Podman.RunAsync("image", "unmount", Image);
}
