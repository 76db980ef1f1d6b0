#nullable enable
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// Compiled by MSBuild's RoslynCodeTaskFactory against netstandard2.0.
// TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 through a single symbol,
// _ZSt21ios_base_library_initv, that it references and never calls. On a system whose
// libstdc++ is older (Debian 12 stops at 3.4.30) the loader refuses the library. Marking that
// one version requirement weak (VER_FLG_WEAK in its Elf64_Vernaux entry) lets it load; systems
// whose libstdc++ has the version are left untouched.
public class WeakenGlibcxxRequirement : Task
{
    const string MissingVersion = "GLIBCXX_3.4.32";
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public string SystemLibStdCxx { get; set; } = "";

    public override bool Execute()
    {
        if (Libraries.Length == 0) return true;
        var libStdCxx = FindSystemLibStdCxx();
        if (libStdCxx is null)
        {
            Log.LogMessage(MessageImportance.Low, "No system libstdc++.so.6 found; TorchSharp library left as shipped.");
            return true;
        }
        if (ContainsAscii(File.ReadAllBytes(libStdCxx), MissingVersion))
        {
            Log.LogMessage(MessageImportance.Low, $"{libStdCxx} provides {MissingVersion}; nothing to patch.");
            return true;
        }
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            try
            {
                if (Weaken(path))
                    Log.LogMessage(MessageImportance.High, $"Marked {MissingVersion} weak in {path} (system libstdc++ lacks it).");
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                Log.LogError($"{path}: cannot weaken {MissingVersion}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    string? FindSystemLibStdCxx()
    {
        if (!string.IsNullOrEmpty(SystemLibStdCxx)) return File.Exists(SystemLibStdCxx) ? SystemLibStdCxx : null;
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    static bool ContainsAscii(byte[] haystack, string needle)
    {
        var pattern = Encoding.ASCII.GetBytes(needle + "\0");
        for (var i = Array.IndexOf(haystack, pattern[0]); i >= 0 && i <= haystack.Length - pattern.Length;
             i = Array.IndexOf(haystack, pattern[0], i + 1))
        {
            var j = 1;
            while (j < pattern.Length && haystack[i + j] == pattern[j]) j++;
            if (j == pattern.Length) return true;
        }
        return false;
    }

    /// <returns>true when the file was changed.</returns>
    static bool Weaken(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not a little-endian ELF64 file");

        var sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < sectionCount; i++)
        {
            var header = (int)(sectionTable + (long)i * sectionSize);
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;
            var offset = (int)BitConverter.ToUInt64(elf, header + 24);
            var linkedStrings = BitConverter.ToUInt32(elf, header + 40);
            var entryCount = BitConverter.ToUInt32(elf, header + 44);
            var stringsHeader = (int)(sectionTable + (long)linkedStrings * sectionSize);
            var strings = (int)BitConverter.ToUInt64(elf, stringsHeader + 24);
            var changed = false;
            var need = offset;
            for (var n = 0; n < entryCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadCString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8));
                    var flags = BitConverter.ToUInt16(elf, aux + 4);
                    if (name == MissingVersion && (flags & VerFlgWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, aux + 4);
                        changed = true;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
            if (!changed) return false;
            var temp = path + ".weakening";
            File.WriteAllBytes(temp, elf);
            File.Replace(temp, path, null);
            return true;
        }
        return false;
    }

    static string ReadCString(byte[] bytes, int start)
    {
        var end = Array.IndexOf(bytes, (byte)0, start);
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }
}
