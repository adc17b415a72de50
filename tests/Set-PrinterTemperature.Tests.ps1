# Mirrors tests/PrinterTools.Tests/Module/SetPrinterTemperatureTests.cs on the demo farm, under real pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '79.10') -NoSegment
    $script:a4 = Select-VirtualPrinter $printers FlashForge Adventurer4
    $script:carbon = Select-VirtualPrinter $printers Elegoo CentauriCarbon
    $script:resin = Select-VirtualPrinter $printers Elegoo Saturn4Ultra
    $script:k1c = Select-VirtualPrinter $printers Creality K1C
    $k1c.Options.PushInterval = [TimeSpan]::FromMilliseconds(100)
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Set-PrinterTemperature' {
    It 'sends nothing with -WhatIf, even with -Force' {
        $a4.ResetCounters()
        Invoke-Quietly "Set-PrinterTemperature -Address $($a4.Address) -Vendor FlashForge -Nozzle 200 -Force -WhatIf" | Should -BeNullOrEmpty
        $Errors | Should -BeNullOrEmpty
        $a4.TotalConnections | Should -Be 0
    }

    It 'sets nozzle and bed on all three vendors, as the printers then show' {
        $after = $a4, $carbon, $k1c | ForEach-Object { $_.Address.ToString() } | Set-PrinterTemperature -Nozzle 200 -Bed 55 -Force -PassThru
        $after.Count | Should -Be 3
        $after.NozzleTargetTemperature | Should -Be @(200, 200, 200)
        $after.BedTargetTemperature | Should -Be @(55, 55, 55)
        $a4.Options.NozzleTarget | Should -Be 200
        $carbon.Options.BedTarget | Should -Be 55
        $k1c.Options.NozzleTarget | Should -Be 200
    }

    It 'refuses a value above the printer''s own maximum and sends nothing' {
        $k1c.ResetCounters()
        Set-PrinterTemperature -Address $k1c.Address -Vendor Creality -Nozzle 999 -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterTemperatureOutOfRange,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @($k1c.ReceivedRequests | Where-Object Key -eq 'nozzleTempControl').Count | Should -Be 0
    }

    It 'refuses a resin printer, which has no heater to set' {
        Set-PrinterTemperature -Address $resin.Address -Vendor Elegoo -Nozzle 200 -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNotSupported,*'
        $resin.Crashes | Should -Be 0
    }
}
