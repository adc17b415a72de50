# Mirrors tests/PrinterTools.Tests/Module/WaitPrinterJobTests.cs: the demo farm with jobs that take two seconds, under real pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '89.10') -NoSegment -JobSeconds 2
    $script:carbon = Select-VirtualPrinter $printers Elegoo CentauriCarbon
    $script:k2 = Select-VirtualPrinter $printers Creality K2Plus
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Wait-PrinterJob' {
    It 'waits for the printing printers of every vendor and writes each one Completed' {
        $printing = $printers.ForEach({ $_.Address.ToString() }) | Get-PrinterStatus | Where-Object State -EQ Printing
        @($printing.ForEach({ "$($_.Vendor)" }) | Sort-Object -Unique) | Should -Be @('Creality', 'Elegoo', 'FlashForge')

        $done = $printing | Wait-PrinterJob -PollInterval 0.2 -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $done.Count | Should -Be $printing.Count
        $done.State | Sort-Object -Unique | Should -Be 'Completed'
        "$($carbon.Options.State)" | Should -Be 'Completed'
        "$($k2.Options.State)" | Should -Be 'Completed'
    }

    It 'makes $? false when a job was stopped on the printer' {
        # The Creality printer keeps showing the stopped job: there is nothing left to wait for, and it did not complete.
        $k2.Options.State = 'Stopped'
        Wait-PrinterJob -Address $k2.Address -Vendor Creality -PollInterval 0.2 -ErrorAction SilentlyContinue -ErrorVariable failed
        $? | Should -BeFalse
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PrinterJobFailed,*'
    }
}
