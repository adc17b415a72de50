# Mirrors tests/PrinterTools.Tests/Module/SetPrinterLightTests.cs on the demo farm, under real pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '88.10') -NoSegment
    # The Adventurer 4's light is off in the demo farm; the Carbon's and the K1C's are set off here.
    $script:a4 = Select-VirtualPrinter $printers FlashForge Adventurer4
    $script:carbon = Select-VirtualPrinter $printers Elegoo CentauriCarbon
    $script:resin = Select-VirtualPrinter $printers Elegoo Saturn4Ultra
    $script:k1c = Select-VirtualPrinter $printers Creality K1C
    $carbon.Options.LightOn = $false
    $k1c.Options.LightOn = $false
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Set-PrinterLight' {
    It 'sends nothing with -WhatIf' {
        $a4.ResetCounters()
        Invoke-Quietly "Set-PrinterLight -Address $($a4.Address) -Vendor FlashForge -On -WhatIf" | Should -BeNullOrEmpty
        $Errors | Should -BeNullOrEmpty
        $a4.TotalConnections | Should -Be 0
        $a4.Options.LightOn | Should -BeFalse
    }

    It 'switches the lights of all three vendors on, as the printers then show' {
        $after = $a4, $carbon, $k1c | ForEach-Object { $_.Address.ToString() } | Set-PrinterLight -On -PassThru -Confirm:$false
        $after.Count | Should -Be 3
        $after.LightOn | Should -Not -Contain $false
        $a4.Options.LightOn | Should -BeTrue
        $carbon.Options.LightOn | Should -BeTrue
        $k1c.Options.LightOn | Should -BeTrue
    }

    It 'refuses a resin printer, which has no light to switch' {
        Set-PrinterLight -Address $resin.Address -Vendor Elegoo -On -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNotSupported,*'
        $resin.Crashes | Should -Be 0
    }
}
