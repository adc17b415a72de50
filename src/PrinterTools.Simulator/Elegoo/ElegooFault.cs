namespace PrinterTools.Simulator;

/// <summary>Ways a virtual Elegoo printer misbehaves on purpose, so clients can be tested against them.</summary>
public enum ElegooFault
{
    None,

    /// <summary>Every request is answered with one text frame that is not JSON.</summary>
    NotJsonFrames,

    /// <summary>Status pushes carry <c>Status</c> as a string, an array, or an object whose PrintInfo fields have wrong types (in turn).</summary>
    WrongShapeStatus,

    /// <summary>Status pushes report <c>CurrentStatus [77]</c> and <c>PrintInfo.Status 99</c>, codes no table knows.</summary>
    UnknownStatusCodes,

    /// <summary>Response frames lack the outer <c>Data</c> wrapper: Cmd, Data, RequestID … sit at the top level.</summary>
    MissingDataWrapper,

    /// <summary>The status push that answers Cmd 0 is a 10 MB text frame.</summary>
    HugeFrame,

    /// <summary>Requests are never answered (no Ack, no follow-up push); change-driven pushes still go out.</summary>
    NoAck,

    /// <summary>Once one upload chunk was received, the next upload request's connection is closed halfway through its body.</summary>
    CloseMidUpload,

    /// <summary>Every upload chunk is answered with the failure JSON, message -3 (file cannot be opened).</summary>
    UploadErrorBody,

    /// <summary>Every WebSocket handshake is answered <c>HTTP/1.1 500</c> with the body <c>too many client</c>.</summary>
    RefuseHandshake,

    /// <summary>WebSockets are accepted but nothing is ever sent on them: no answers, no pushes.</summary>
    SilentSocket,

    /// <summary>
    /// Every upload is taken chunk by chunk and answered success, then fails the printer's own MD5 check as if its
    /// bytes were corrupted (Check "0" too): sdcp/error ErrorCode 1 to every client, the file discarded (§6.1).
    /// </summary>
    FailFileCheck,

    /// <summary>
    /// The change commands, pause, stop and resume (Cmd 129, 130, 131) and the settings command (Cmd 403), are
    /// answered Ack 0 and change nothing: a printer that acknowledges and then ignores them, as the Creality fault
    /// of the same name does.
    /// </summary>
    IgnoreChangeCommands,

    /// <summary>Cmd 259 is answered Ack 0 and removes nothing: a printer that acknowledges a delete and does not do it.</summary>
    IgnoreDeletes,

    /// <summary>
    /// A command that changes the printer (Cmd 129, 130, 131, 259, 403) is carried out and then the socket is dropped
    /// before its Ack goes out: a printer that drops the connection after the command.
    /// </summary>
    DropAfterCommand,
}
