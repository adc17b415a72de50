using System;

namespace PrinterTools;

/// <summary>Why talking to a printer failed; each kind maps to one stable PowerShell error id.</summary>
public enum PrinterErrorKind
{
    Unreachable,
    Timeout,
    ProtocolError,
    NotSupported,
    Busy,
    AuthenticationFailed,
    /// <summary>A file named on the printer is not there.</summary>
    FileNotFound,
    /// <summary>The printer has no room for the file.</summary>
    StorageFull,
    /// <summary>The printer answered a command, and its answer says it did not carry it out.</summary>
    CommandRefused,
    /// <summary>There is no job in the state an action needs: nothing to pause, resume or stop.</summary>
    NoJob,
    /// <summary>The job ended without completing: it failed on the printer or was stopped.</summary>
    JobFailed,
    /// <summary>A temperature outside what the printer takes (or the limit PrinterTools assumes for it); nothing was sent.</summary>
    TemperatureOutOfRange,
}

/// <summary>A failure with one printer. Messages never contain secrets.</summary>
public sealed class PrinterException : Exception
{
    public PrinterException(PrinterErrorKind kind, string address, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Address = address;
    }

    public PrinterErrorKind Kind { get; }
    public string Address { get; }
}
