namespace PrinterTools.Simulator;

/// <summary>Ways a virtual Creality printer misbehaves on purpose, so clients can be tested against them.</summary>
public enum CrealityFault
{
    None,

    /// <summary>The WebSocket is accepted but nothing is ever sent on it: no dump, no deltas, no <c>ok</c>, no replies.</summary>
    SilentSocket,

    /// <summary>The dump, the deltas and the replies are text frames that are not JSON; heartbeats still get <c>ok</c>.</summary>
    NotJsonFrames,

    /// <summary>The first frame (the dump) is a 17 MiB text frame: the attributes plus a huge filler key.</summary>
    HugeFrame,

    /// <summary>
    /// A printer still booting (HA #121/#125): temperatures are <c>""</c>, and while no job runs <c>err</c> holds
    /// the stale <c>{"errcode":500,"key":116}</c>.
    /// </summary>
    Booting,

    /// <summary>
    /// Numbers where strings are expected and the reverse: temperatures as numbers (<c>29.5</c>), targets,
    /// progress, times and layers as strings (<c>"40"</c>).
    /// </summary>
    WrongTypes,

    /// <summary><c>state</c> is 42, a code no map knows, whatever the printer does.</summary>
    UnknownState,

    /// <summary>Every upload is answered HTTP 200 with an error JSON body and nothing is stored.</summary>
    UploadErrorBody,

    /// <summary>The file list comes in the colon-separated form with entries that miss fields.</summary>
    BrokenLegacyList,

    /// <summary>The file list has 1500 entries: its reply frame is over 1 MiB (§2).</summary>
    LargeFileList,

    /// <summary>An upload's connection is closed halfway through its body; nothing is stored.</summary>
    CloseMidUpload,

    /// <summary>
    /// <c>pause</c>, <c>stop</c>, the temperature sets and the fan sets (and M104/M140/M106/M107 as <c>gcodeCmd</c>)
    /// are taken like any set (no reply) and change nothing: a printer that ignores them.
    /// </summary>
    IgnoreChangeCommands,

    /// <summary><c>opGcodeFile deleteprt:</c> is taken like any set and removes nothing.</summary>
    IgnoreDeletes,

    /// <summary>
    /// While set, open sockets stay open and everything on them goes quiet (no deltas, no <c>ok</c>, no replies), and
    /// new ones get no dump: a printer whose WebSocket hangs without closing.
    /// </summary>
    GoesSilent,
}
