namespace OrleansGan.Runs;

public static class RunIds
{
    public static string For(string experimentId, int index) => $"{experimentId}-r{index:D3}";
}
