using System;

namespace PrinterTools.Simulator.Creality;

/// <summary>One ended job of <c>reqHistory</c> and its time-lapse of <c>reqElapseVideoList</c> (creality.md §5).</summary>
/// <param name="Id">The firmware's id: the job's start in unix seconds (the fixtures' id equals starttime).</param>
/// <param name="FileName">Plain name of the printed file (reported as a full path in the model's folder).</param>
/// <param name="Finished">printfinish 1: completed; 0: stopped.</param>
internal sealed record CrealityHistoryEntry(long Id, string FileName, DateTimeOffset Start, TimeSpan Usage, bool Finished, int MaterialMm)
{
    /// <summary>The time-lapse's file name, <c>&lt;id&gt;.mp4</c> (k2plus_ws_reply_reqElapseVideoList).</summary>
    public string VideoName => $"{Id}.mp4";
}
