namespace PrinterTools.Simulator.Http;

/// <summary>Status, content type and body of one HTTP answer.</summary>
internal readonly record struct HttpReply(int Status, string ContentType, byte[] Body);
