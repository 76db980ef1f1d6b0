using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OrleansGan.Hosting;

/// <summary>Every rule a silo's cluster settings must keep; a failure names its key (OrleansGan:Key: reason).</summary>
public sealed class OrleansGanOptionsValidator : IValidateOptions<OrleansGanOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansGanOptions options) =>
        OptionRules.Result(Failures(options));

    static IEnumerable<string?> Failures(OrleansGanOptions o)
    {
        const string section = OrleansGanOptions.Section;
        yield return OptionRules.Defined(section, nameof(o.Role), o.Role);
        yield return OptionRules.NotBlank(section, nameof(o.DataDirectory), o.DataDirectory);
        yield return OptionRules.NotBlank(section, nameof(o.ClusterId), o.ClusterId);
        yield return OptionRules.NotBlank(section, nameof(o.ServiceId), o.ServiceId);
        yield return OptionRules.InRange(section, nameof(o.SiloPort), o.SiloPort, 1, 65535);
        yield return OptionRules.InRange(section, nameof(o.GatewayPort), o.GatewayPort, 0, 65535);
        yield return string.IsNullOrWhiteSpace(o.AdvertisedAddress) || IPAddress.TryParse(o.AdvertisedAddress, out _) ? null
            : $"{section}:{nameof(o.AdvertisedAddress)} (POD_IP): not an IP address, got '{o.AdvertisedAddress}'";
        yield return RedisFailure(o.Redis);
    }

    static string? RedisFailure(string? redis)
    {
        if (string.IsNullOrWhiteSpace(redis)) return null;
        try
        {
            return ConfigurationOptions.Parse(redis).EndPoints.Count > 0 ? null : $"{OrleansGanOptions.Section}:Redis: names no server, got '{redis}'";
        }
        catch (ArgumentException e)
        {
            return $"{OrleansGanOptions.Section}:Redis: {e.Message}";
        }
    }
}
