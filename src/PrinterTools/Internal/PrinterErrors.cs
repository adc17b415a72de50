using System;
using System.Management.Automation;

namespace PrinterTools.Internal;

/// <summary>The stable error ids of the module and the categories that go with them.</summary>
internal static class PrinterErrors
{
    public const string Unreachable = "PrinterUnreachable";
    public const string Timeout = "PrinterTimeout";
    public const string ProtocolError = "PrinterProtocolError";
    public const string NotSupported = "PrinterNotSupported";
    public const string Busy = "PrinterBusy";
    public const string AuthenticationFailed = "PrinterAuthenticationFailed";
    public const string FileNotFound = "PrinterFileNotFound";
    public const string StorageFull = "PrinterStorageFull";
    public const string CommandRefused = "PrinterCommandRefused";
    public const string NoJob = "PrinterNoJob";
    public const string JobFailed = "PrinterJobFailed";
    public const string TemperatureOutOfRange = "PrinterTemperatureOutOfRange";
    public const string Unexpected = "PrinterOperationFailed";
    public const string LocalFileNotFound = "LocalFileNotFound";
    public const string LocalFileUnreadable = "LocalFileUnreadable";
    public const string DestinationExists = "DestinationFileExists";
    public const string DestinationNotFound = "DestinationFolderNotFound";
    public const string DestinationUnwritable = "DestinationUnwritable";
    public const string InvalidArgument = "PrinterInvalidArgument";

    public static ErrorRecord From(Exception exception, object? target)
    {
        if (exception is PrinterException p)
        {
            var (id, category) = p.Kind switch
            {
                PrinterErrorKind.Unreachable => (Unreachable, ErrorCategory.ConnectionError),
                PrinterErrorKind.Timeout => (Timeout, ErrorCategory.OperationTimeout),
                PrinterErrorKind.ProtocolError => (ProtocolError, ErrorCategory.InvalidData),
                PrinterErrorKind.NotSupported => (NotSupported, ErrorCategory.NotImplemented),
                PrinterErrorKind.Busy => (Busy, ErrorCategory.ResourceBusy),
                PrinterErrorKind.AuthenticationFailed => (AuthenticationFailed, ErrorCategory.AuthenticationError),
                PrinterErrorKind.FileNotFound => (FileNotFound, ErrorCategory.ObjectNotFound),
                PrinterErrorKind.StorageFull => (StorageFull, ErrorCategory.LimitsExceeded),
                PrinterErrorKind.CommandRefused => (CommandRefused, ErrorCategory.InvalidResult),
                PrinterErrorKind.NoJob => (NoJob, ErrorCategory.InvalidOperation),
                PrinterErrorKind.JobFailed => (JobFailed, ErrorCategory.InvalidResult),
                PrinterErrorKind.TemperatureOutOfRange => (TemperatureOutOfRange, ErrorCategory.InvalidArgument),
                _ => (Unexpected, ErrorCategory.NotSpecified),
            };
            return new ErrorRecord(p, id, category, target ?? p.Address);
        }
        // A bug of ours must still be one printer's error, not the end of the pipeline.
        return new ErrorRecord(exception, Unexpected, ErrorCategory.NotSpecified, target);
    }
}
