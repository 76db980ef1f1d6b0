using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansGan.Scheduling;

namespace OrleansGan.Sweeps.Tests.Scheduling;

/// <summary>Writes scheduler state with Orleans' serializer and reads it back, as grain storage would.</summary>
public static class SchedulerState
{
    static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(AshaRungs).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static T RoundTrip<T>(T state) where T : class =>
        Serializer.Deserialize<T>(Serializer.SerializeToArray(state)) ?? throw new InvalidOperationException("read back nothing");
}
