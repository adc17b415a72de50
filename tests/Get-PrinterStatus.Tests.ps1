# Mirrors tests/PrinterTools.Tests/Module/DiscoveryAndStatusTests.cs, BadInputTests.cs and ConcurrencyAndStopTests.cs.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '71.10') -NoSegment
    $script:addresses = $printers.ForEach({ $_.Address.ToString() })
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Get-PrinterStatus' {
    It 'reads the state of every printer found' {
        $status = Find-Printer -BroadcastAddress $addresses -Timeout 1 | Get-PrinterStatus
        $byAddress = @{}; $status | ForEach-Object { $byAddress[$_.Address] = $_ }
        $byAddress[$addresses[0]].State | Should -Be 'Idle'
        $byAddress[$addresses[0]].Progress | Should -BeNullOrEmpty
        $byAddress[$addresses[1]].State | Should -Be 'Printing'
        $byAddress[$addresses[1]].FileName | Should -Be $printers[1].Options.CurrentFile
        $byAddress[$addresses[2]].State | Should -Be 'Paused'
        $byAddress[$addresses[3]].State | Should -Be 'Completed'
        # Status is read without the control session, so none is ever held.
        $printers | ForEach-Object { $_.ControlHeld | Should -BeFalse }
    }

    It 'binds piped strings to -Address and finds the vendor by its ports' {
        (@($addresses[0], $addresses[1]) | Get-PrinterStatus).Count | Should -Be 2
    }

    It 'reads a saved inventory without asking each printer who it is' {
        $inventory = Join-Path $TestDrive 'printer-inventory.csv'
        Find-Printer -BroadcastAddress $addresses[0] -Timeout 1 |
            Select-Object Name, Vendor, Model, Address, SerialNumber, Firmware, MacAddress |
            Export-Csv -Path $inventory -NoTypeInformation
        $printers[0].ResetCounters()
        $status = Import-Csv -Path $inventory | Get-PrinterStatus
        $status.Name | Should -Be $printers[0].Options.Name
        # The row's Name and Model stand in for M115: one round trip less per printer.
        $printers[0].ReceivedCommands | Should -Be @('M119', 'M105')
    }

    It 'accepts deserialized printers, as after Invoke-Command' {
        $copies = Find-Printer -BroadcastAddress $addresses -Timeout 1 |
            ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_)) }
        @($copies | Get-PrinterStatus).Count | Should -Be $printers.Count
    }

    It 'reads HTTP /detail with the check code, and never shows the code' {
        $p = $printers[1].Options
        $credential = [pscredential]::new($p.SerialNumber, (ConvertTo-SecureString $p.CheckCode -AsPlainText -Force))
        $status = Get-PrinterStatus -Address $addresses[1] -Vendor FlashForge -Credential $credential -Verbose 4>&1
        $status | Out-String | Should -Not -Match $p.CheckCode
        ($status | Where-Object { $_ -is [PrinterTools.PrinterStatus] }).Remaining | Should -Not -BeNullOrEmpty
    }

    It 'gives PrinterAuthenticationFailed for a wrong check code' {
        $code = ConvertTo-SecureString '99999999' -AsPlainText -Force
        Get-PrinterStatus -Address $addresses[1] -Vendor FlashForge -AccessCode $code -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterAuthenticationFailed,*'
    }

    It 'queries exactly -ThrottleLimit printers at once' -ForEach @(1, 4) {
        $printers[0].Farm.ResetCounters()
        $printers | ForEach-Object { $_.Options.Latency = [timespan]::FromMilliseconds(100) }
        try {
            $addresses | Get-PrinterStatus -Vendor FlashForge -ThrottleLimit $_ | Out-Null
        }
        finally {
            $printers | ForEach-Object { $_.Options.Latency = [timespan]::Zero }
        }
        $printers[0].Farm.MaxConcurrentCommands | Should -Be $_
    }

    It 'turns a printer error into a terminating one with -ErrorAction Stop' {
        { Get-PrinterStatus -Address (TestAddress '71.30') -Vendor FlashForge -Timeout 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'PrinterUnreachable,PrinterTools.Commands.GetPrinterStatusCommand'
    }
}
