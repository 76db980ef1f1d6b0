namespace OrleansGan.Container.Tests;

/// <summary>
/// The user an image runs as, resolved the way container runtimes do: USER is "name|uid[:group|gid]", looked up in the
/// image's own /etc/passwd and /etc/group; a user without a group takes its passwd group (else 0), home from passwd (else /).
/// </summary>
sealed record ImageUser(long Uid, long Gid, string Home)
{
    public static ImageUser Of(string root, string? user)
    {
        var (name, group) = (user ?? "") switch
        {
            "" => ("0", null),
            var u when u.Contains(':') => (u[..u.IndexOf(':')], u[(u.IndexOf(':') + 1)..]),
            var u => (u, (string?)null),
        };
        var passwd = Entries(Path.Combine(root, "etc/passwd")).FirstOrDefault(e => e[0] == name || e[2] == name);
        var uid = passwd is not null ? long.Parse(passwd[2]) : long.Parse(name);
        var gid = group is null ? (passwd is not null ? long.Parse(passwd[3]) : 0)
            : long.TryParse(group, out var number) ? number
            : long.Parse(Entries(Path.Combine(root, "etc/group")).Single(e => e[0] == group)[2]);
        return new ImageUser(uid, gid, passwd?[5] ?? "/");
    }

    static IEnumerable<string[]> Entries(string file) =>
        File.Exists(file) ? File.ReadLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(':')) : [];
}
