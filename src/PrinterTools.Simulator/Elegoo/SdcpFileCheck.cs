using System;
using System.Security.Cryptography;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The printer's verification of a finished upload (§6.1): the whole file must hash to S-File-MD5 (lowercase hex)
/// unless Check was "0". FailFileCheck makes every file fail here, so it takes the one path a real mismatch takes.
/// </summary>
internal static class SdcpFileCheck
{
    public static bool Passes(PartialUpload upload, byte[] content, ElegooFault fault) =>
        fault != ElegooFault.FailFileCheck
        && (!upload.Check || Convert.ToHexStringLower(MD5.HashData(content)) == upload.Md5);
}
