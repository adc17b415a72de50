# Mirrors tests/PrinterTools.Tests/Module/PrinterFileTests.cs on the demo farm, under real pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '82.10') -NoSegment
    $script:a4 = Select-VirtualPrinter $printers FlashForge Adventurer4
    $script:resin = Select-VirtualPrinter $printers Elegoo Saturn4Ultra
    $script:k2 = Select-VirtualPrinter $printers Creality K2Plus
    $script:addresses = $printers | ForEach-Object { $_.Address.ToString() }
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Get-PrinterFile' {
    It 'lists the files of all three vendors as PrinterFile objects with a table view' {
        $files = Get-PrinterFile -Address $addresses
        $files | Should -Not -BeNullOrEmpty
        ($files | ForEach-Object { "$($_.Vendor)" } | Sort-Object -Unique) | Should -Be @('Creality', 'Elegoo', 'FlashForge')
        $files[0].PSObject.TypeNames[0] | Should -Be 'PrinterTools.PrinterFile'
        ($files | Where-Object Address -eq $k2.Address.ToString()).FileName | Should -Contain 'Calibration_Cube.gcode'
        $table = $files | Out-String -Width 200
        $table | Should -Match 'Estimated'
        $table | Should -Match 'Calibration_Cube\.gcode'
    }
}

Describe 'Remove-PrinterFile' {
    It 'sends nothing with -WhatIf' {
        $resin.ResetCounters()
        Invoke-Quietly "Get-PrinterFile -Address $($resin.Address) | Remove-PrinterFile -Force -WhatIf" | Should -BeNullOrEmpty
        $Errors | Should -BeNullOrEmpty
        $resin.ReceivedCommands.Cmd | Should -Not -Contain 259
        $resin.Options.StoredFiles.Count | Should -Be 2
    }

    It 'removes exactly the files Get-PrinterFile listed, on Elegoo and Creality' {
        $removed = Get-PrinterFile -Address $resin.Address, $k2.Address -FileName 'Calibration*' | Remove-PrinterFile -Force -PassThru
        ($removed.FileName | Sort-Object) | Should -Be @('Calibration_Cube.gcode', 'Calibration_Matrix.goo')
        $resin.Options.StoredFiles | Should -Be @('Rook_0.05mm.goo')
        $k2.Options.StoredFiles | Should -Be @('Multicolor_Dragon_PLA.gcode')
    }

    It 'refuses FlashForge printers, which have no delete command, and sends nothing' {
        $a4.ResetCounters()
        $before = @($a4.Options.StoredFiles)
        Remove-PrinterFile -Address $a4.Address -Vendor FlashForge -FileName 'cube.gcode' -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNotSupported,*'
        $a4.TotalConnections | Should -Be 0
        @($a4.Options.StoredFiles) | Should -Be $before
    }
}

Describe 'Get-PrinterFile | Start-PrinterJob' {
    It 'starts nothing for a piped status, whose FileName is its last job' {
        Get-PrinterStatus -Address $k2.Address -Vendor Creality | Start-PrinterJob -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterInvalidArgument,*'
        $k2.ReceivedRequests | Where-Object { $_.Json -like '*printprt:*' } | Should -BeNullOrEmpty
    }

    It 'starts the file piped, which binds as a whole to -InputObject' {
        $job = Get-PrinterFile -Address $resin.Address -FileName 'Rook*' | Start-PrinterJob -Confirm:$false
        $job.FileName | Should -Be 'Rook_0.05mm.goo'
        "$($resin.Options.State)" | Should -Be 'Printing'
    }
}
