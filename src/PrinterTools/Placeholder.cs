namespace PrinterTools { }
