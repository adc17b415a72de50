using System.Runtime.CompilerServices;

// The tests check argument parsing and the simulator banner, which are not public API.
[assembly: InternalsVisibleTo("PrinterTools.Tests")]
