namespace OrleansGan.Observability.Tests;

/// <summary>The Orleans Dashboard on a real silo's HTTP port: served at /dashboard when configured, absent otherwise.</summary>
public sealed class OrleansDashboardTests
{
    [Fact]
    public async Task Dashboard_is_served_at_slash_dashboard_when_turned_on()
    {
        using var temp = new TempDirectory();
        using var silo = await EmbeddedSilo.StartAsync(temp.Path, dashboard: true);

        using var response = await silo.Http.GetAsync(new Uri(silo.Url, "/dashboard"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_is_off_by_default()
    {
        using var temp = new TempDirectory();
        using var silo = await EmbeddedSilo.StartAsync(temp.Path);

        using var response = await silo.Http.GetAsync(new Uri(silo.Url, "/dashboard"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.True((await silo.Http.GetAsync(new Uri(silo.Url, "/metrics"))).IsSuccessStatusCode);
    }
}
