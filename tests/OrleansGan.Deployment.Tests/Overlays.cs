namespace OrleansGan.Deployment.Tests;

static class Overlays
{
    public static TheoryData<string> Both => new() { RenderedOverlay.Dev, RenderedOverlay.Gpu };
}
