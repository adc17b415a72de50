using System.IO;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>One upload under way, identified by its Uuid (§6.1): where it goes, what it must hash to, what came so far.</summary>
internal sealed class PartialUpload
{
    public PartialUpload(string uuid, string name, string md5, bool check, long totalSize)
    {
        Uuid = uuid;
        Name = name;
        Md5 = md5;
        Check = check;
        TotalSize = totalSize;
    }

    public string Uuid { get; }

    public string Name { get; }

    /// <summary>S-File-MD5: the whole file's MD5, lowercase hex.</summary>
    public string Md5 { get; }

    /// <summary>Check "1": verify the MD5 once complete; "0": store without.</summary>
    public bool Check { get; }

    public long TotalSize { get; }

    public MemoryStream Data { get; } = new();

    public long Received => Data.Length;
}
