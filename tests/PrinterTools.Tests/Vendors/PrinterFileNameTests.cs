using PrinterTools.Vendors;
using Xunit;

namespace PrinterTools.Tests.Vendors;

/// <summary>The shared file-name rules: the reasons they give echo the name, and must never carry a terminal escape with it.</summary>
public sealed class PrinterFileNameTests
{
    [Theory]
    [InlineData("a/\u001b[31mred.gcode", "The file name contains a control character.")]
    [InlineData("\u001b]0;title\u0007.gcode", "The file name contains a control character.")]
    [InlineData("dir/part.gcode", "The file name 'dir/part.gcode' contains '/': give a plain name, without a folder.")]
    [InlineData(" part.gcode", "The file name ' part.gcode' starts or ends with white space.")]
    public void TheReason_NamesTheProblem_WithoutControlCharacters(string name, string reason)
    {
        var problem = PrinterFileName.CheckPlain(name, forUpload: false);

        Assert.Equal(reason, problem);
        Assert.DoesNotContain(problem!, char.IsControl);
    }

    [Fact]
    public void ABidiOverride_IsNotEchoed_InTheNonAsciiReason()
    {
        var problem = PrinterFileName.CheckPlain("part\u202egcod.e", forUpload: true);

        Assert.Equal("The file name 'partgcod.e' has characters outside ASCII; printers are sent ASCII names only.", problem);
    }

    [Theory]
    [InlineData("/local/a\u0007b.gcode", "ab.gcode", true)]
    [InlineData("/local/ab.gcode", "ab.gcode", false)]
    [InlineData("0:/user/x.gx", "x.gx", false)]
    public void AListedNameCleanedOfControlCharacters_IsMarkedAltered(string path, string shown, bool altered)
    {
        Assert.Equal(shown, PrinterFileName.FromPrinterPath(path));
        Assert.Equal(altered, PrinterFileName.IsAltered(path));
    }
}
