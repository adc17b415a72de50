using System.Collections.Generic;

namespace PrinterTools.Elegoo;

/// <summary>The numbers SDCP printers answer with, in words (notes §5, §7.3 to §7.5).</summary>
internal static class SdcpCodes
{
    /// <summary>Cmd 128's Ack (sdcp_print_ctrl_ack_t; the spec is the authority).</summary>
    public static string StartAck(int ack) => ack switch
    {
        1 => "the printer is busy (printing, checking a file it just received, or showing a finished job)",
        2 => "the file is not on the printer",
        3 => "the file's MD5 check failed",
        4 => "the printer could not read the file",
        5 => "the file was sliced for another resolution",
        6 => "the printer does not know the file's format",
        7 => "the file was sliced for another model",
        _ => $"the printer refused with code {ack}",
    };

    /// <summary>A generic Ack: 0 is success, anything else failed (the Carbon uses 1 for failed, invalid or unsupported).</summary>
    public static string Ack(int ack) => ack == 1 ? "failed, invalid or not supported (Ack 1)" : $"refused with code {ack}";

    /// <summary>sdcp/error's ErrorCode.</summary>
    public static string TransferError(int code) => code switch
    {
        1 => "the file's MD5 check failed after the upload, and the printer discarded it",
        2 => "the file's format is not one the printer prints, and the printer discarded it",
        _ => $"the printer reported file-transfer error {code}",
    };

    /// <summary>The upload endpoint's failure "message" field, -1 to -4.</summary>
    public static string UploadFailure(string? message) => message switch
    {
        "-1" => "the chunk's offset is negative",
        "-2" => "the chunk's offset does not follow the bytes the printer has of this upload",
        "-3" => "the printer could not open the file to write it",
        "-4" => "the printer reported an unknown upload error",
        null or "" => "the printer refused the upload and gave no reason",
        _ => $"the printer refused the upload: {message}",
    };

    /// <summary>PrintInfo.ErrorNumber (spec).</summary>
    public static string? ErrorNumber(long number) => number switch
    {
        0 => null,
        1 => "the file's MD5 check failed",
        2 => "the printer could not read the file",
        3 => "the file was sliced for another resolution",
        4 => "the file's format does not match the printer",
        5 => "the file was sliced for another model",
        _ => $"the printer reported error number {number}",
    };

    /// <summary>Machine status (CurrentStatus): the spec's 0 to 4 and the Carbon's 5 to 11 (elegoo-link).</summary>
    public static readonly IReadOnlyDictionary<long, string> MachineStatus = new Dictionary<long, string>
    {
        [0] = "idle", [1] = "printing", [2] = "file transferring", [3] = "exposure testing", [4] = "devices self-test",
        [5] = "auto-leveling", [6] = "resonance testing", [7] = "other busy", [8] = "file checking", [9] = "homing",
        [10] = "filament unloading", [11] = "PID detection",
    };

    /// <summary>PrintInfo.Status of the Centauri Carbon, 0 to 26 (elegoo-link's sdcp_print_status_t).</summary>
    public static readonly IReadOnlyDictionary<long, (string Words, PrinterState State)> FdmPrintStatus = new Dictionary<long, (string, PrinterState)>
    {
        [0] = ("idle", PrinterState.Idle), [1] = ("homing", PrinterState.Printing),
        [5] = ("pausing", PrinterState.Pausing), [6] = ("paused", PrinterState.Paused), [7] = ("stopping", PrinterState.Stopping),
        [8] = ("stopped", PrinterState.Stopped), [9] = ("complete", PrinterState.Completed), [10] = ("file checking", PrinterState.Busy),
        [11] = ("printer checking", PrinterState.Printing), [12] = ("resuming", PrinterState.Resuming), [13] = ("printing", PrinterState.Printing),
        [14] = ("stopped due to an error", PrinterState.Error), [15] = ("auto-leveling", PrinterState.Printing), [16] = ("preheating", PrinterState.Printing),
        [17] = ("resonance testing", PrinterState.Printing), [18] = ("print started", PrinterState.Printing),
        [19] = ("auto-leveling completed", PrinterState.Printing), [20] = ("preheating completed", PrinterState.Printing),
        [21] = ("homing completed", PrinterState.Printing), [22] = ("resonance testing completed", PrinterState.Printing),
        [23] = ("auto feeding", PrinterState.Printing), [24] = ("filament unloading", PrinterState.Printing),
        [25] = ("filament unloading abnormal", PrinterState.Error), [26] = ("filament unloading paused", PrinterState.Paused),
    };

    /// <summary>PrintInfo.Status of resin printers (spec 0 to 10; 2, 3, 4 are one layer's drop, exposure and lift).</summary>
    public static readonly IReadOnlyDictionary<long, (string Words, PrinterState State)> ResinPrintStatus = new Dictionary<long, (string, PrinterState)>
    {
        [0] = ("idle", PrinterState.Idle), [1] = ("homing", PrinterState.Printing), [2] = ("dropping", PrinterState.Printing),
        [3] = ("exposing", PrinterState.Printing), [4] = ("lifting", PrinterState.Printing), [5] = ("pausing", PrinterState.Pausing),
        [6] = ("paused", PrinterState.Paused), [7] = ("stopping", PrinterState.Stopping), [8] = ("stopped", PrinterState.Stopped),
        [9] = ("complete", PrinterState.Completed), [10] = ("file checking", PrinterState.Busy),
        // Seen in Home Assistant's tables only; the names agree with what the spec's neighbours mean.
        [12] = ("recovering", PrinterState.Printing), [13] = ("printing (recovered)", PrinterState.Printing),
        [15] = ("loading resin", PrinterState.Printing), [16] = ("preheating", PrinterState.Printing),
    };
}
