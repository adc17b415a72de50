using System;
using System.Security.Cryptography;
using System.Text;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>One ended job as Cmd 320 lists it and Cmd 321 details it (notes §4, §7.5).</summary>
internal sealed record HistoryTask(string TaskId, string FileName, DateTimeOffset Begin, DateTimeOffset End, int TaskStatus, int TotalLayers, int PrintedLayers)
{
    /// <summary>§7.5 TaskStatus: 1 completed, 3 stopped.</summary>
    public const int Completed = 1;

    public const int Stopped = 3;

    /// <summary>The same TaskId for the same seeded file on the same printer, so URLs stay stable between runs.</summary>
    public static string SeededId(string mainboardId, string file)
    {
        byte[] hash = MD5.HashData(Encoding.UTF8.GetBytes(mainboardId + "/" + file));
        return new Guid(hash).ToString("D");
    }
}
