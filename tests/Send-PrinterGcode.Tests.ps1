# Mirrors tests/PrinterTools.Tests/Module/GcodeAndWaitTests.cs (G-code part) and JobAndFileTests.WhatIf_SendsNothing.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:farm = New-VirtualFarm -Printer @(
        @{ Address = '127.0.72.10'; Model = 'Adventurer4' },
        @{ Address = '127.0.72.11'; Model = 'Adventurer4'; Fault = 'RefuseControl' }
    )
    $script:printer = $farm.Printers[0]
}

AfterAll {
    Stop-VirtualFarm $farm
}

Describe 'Send-PrinterGcode' {
    It 'sends piped lines over one control session, one reply each' {
        $printer.ResetCounters()
        $replies = '; purge', 'G28', '', 'M105' | Send-PrinterGcode -Address 127.0.72.10 -Vendor FlashForge -Force
        $replies.Command | Should -Be @('G28', 'M105')
        $replies.Succeeded | Should -Not -Contain $false
        $printer.ReceivedCommands | Should -Be @('M601 S1', 'G28', 'M105', 'M602')
    }

    It 'sends nothing with -WhatIf, not even a connection' {
        $printer.ResetCounters()
        Send-PrinterGcode -Address 127.0.72.10 -Vendor FlashForge -Gcode 'G28' -WhatIf | Should -BeNullOrEmpty
        $printer.TotalConnections | Should -Be 0
    }

    It 'gives one PrinterBusy error when another program holds control' {
        'G28', 'M105' | Send-PrinterGcode -Address 127.0.72.11 -Vendor FlashForge -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterBusy,*'
    }

    It 'refuses a line that hides a second command' {
        "G28`r`nM112" | Send-PrinterGcode -Address 127.0.72.10 -Vendor FlashForge -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterInvalidArgument,*'
    }
}
