# Mirrors tests/PrinterTools.Tests/Module/SetPrinterFanTests.cs on the demo farm, under real pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '80.10') -NoSegment
    $script:a4 = Select-VirtualPrinter $printers FlashForge Adventurer4
    $script:carbon = Select-VirtualPrinter $printers Elegoo CentauriCarbon
    $script:resin = Select-VirtualPrinter $printers Elegoo Saturn4Ultra
    $script:k1c = Select-VirtualPrinter $printers Creality K1C
    $k1c.Options.PushInterval = [TimeSpan]::FromMilliseconds(100)
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Set-PrinterFan' {
    It 'completes the fan names' {
        $completions = TabExpansion2 -inputScript 'Set-PrinterFan -Name ' -cursorColumn 'Set-PrinterFan -Name '.Length
        $completions.CompletionMatches.CompletionText | Sort-Object | Should -Be @('Auxiliary', 'Chamber', 'Model')
    }

    It 'sends nothing with -WhatIf' {
        $carbon.ResetCounters()
        Invoke-Quietly "Set-PrinterFan -Address $($carbon.Address) -Vendor Elegoo -Name Model -Percent 40 -WhatIf" | Should -BeNullOrEmpty
        $Errors | Should -BeNullOrEmpty
        @($carbon.ReceivedCommands).Count | Should -Be 0
    }

    It 'sets the Carbon''s and the K1C''s fans, as the printers then report' {
        $carbonStatus = Set-PrinterFan -Address $carbon.Address -Vendor Elegoo -Name Model -Percent 40 -PassThru
        $k1cStatus = Set-PrinterFan -Address $k1c.Address -Vendor Creality -Name Auxiliary -Percent 30 -PassThru
        $carbonStatus.Raw['ModelFanSpeed'] | Should -Be 40
        $carbon.Options.ModelFan | Should -Be 40
        $k1cStatus.Raw['auxiliaryFanPct'] | Should -Be 30
        $k1c.Options.AuxiliaryFan | Should -Be 77
    }

    It 'says in verbose that a fan set over the FlashForge console cannot be read back' {
        $verbose = Set-PrinterFan -Address $a4.Address -Vendor FlashForge -Name Model -Percent 100 -Verbose 4>&1
        "$verbose" | Should -BeLike '*could not be read back*'
        $a4.Options.CoolingFan | Should -Be 100
    }

    It 'refuses a resin printer, which has no fan to set' {
        Set-PrinterFan -Address $resin.Address -Vendor Elegoo -Name Model -Percent 50 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNotSupported,*'
        $resin.Crashes | Should -Be 0
    }
}
