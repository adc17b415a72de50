# Mirrors tests/PrinterTools.Tests/Module/GcodeAndWaitTests.cs (G-code part) and JobAndFileTests.WhatIf_SendsNothing.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -NoSegment -Printer @(
        @{ Address = (TestAddress '72.10'); Model = 'Adventurer4' },
        @{ Address = (TestAddress '72.11'); Model = 'Adventurer4'; Fault = 'RefuseControl' }
    )
    $script:printer = $printers[0]
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Send-PrinterGcode' {
    It 'sends piped lines over one control session, one reply each' {
        $printer.ResetCounters()
        $replies = '; purge', 'G28', '', 'M105' | Send-PrinterGcode -Address (TestAddress '72.10') -Vendor FlashForge -Force
        $replies.Command | Should -Be @('G28', 'M105')
        $replies.Succeeded | Should -Not -Contain $false
        $printer.ReceivedCommands | Should -Be @('M601 S1', 'G28', 'M105', 'M602')
    }

    It 'sends nothing with -WhatIf, not even a connection' {
        $printer.ResetCounters()
        Invoke-Quietly "Send-PrinterGcode -Address $(TestAddress '72.10') -Vendor FlashForge -Gcode 'G28' -WhatIf" | Should -BeNullOrEmpty
        $Errors | Should -BeNullOrEmpty
        $printer.TotalConnections | Should -Be 0
    }

    It 'gives one PrinterBusy error when another program holds control' {
        'G28', 'M105' | Send-PrinterGcode -Address (TestAddress '72.11') -Vendor FlashForge -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterBusy,*'
    }

    It 'sends no further line after one goes unanswered' {
        $printer.ResetCounters()
        try {
            & { 'M115'; $printer.Options.Latency = [timespan]::FromSeconds(3); 'G28'; 'M104 S200' } |
                Send-PrinterGcode -Address (TestAddress '72.10') -Vendor FlashForge -Timeout 1 -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        }
        finally { $printer.Options.Latency = [timespan]::Zero }
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterTimeout,*'
        $problems[0].Exception.Message | Should -BeLike "*Line 2 ('G28')*"
        $printer.WhenCommandReceived('M602').Wait(30000) | Should -BeTrue
        $printer.ReceivedCommands | Should -Not -Contain 'M104 S200'
    }

    It 'refuses a line that hides a second command' {
        "G28`r`nM112" | Send-PrinterGcode -Address (TestAddress '72.10') -Vendor FlashForge -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterInvalidArgument,*'
    }
}
