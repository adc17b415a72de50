# What a user's own Pester test looks like: start a virtual farm, use the real cmdlets, stop it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -Model Adventurer4, Adventurer5MPro -FirstAddress (TestAddress '75.10') -SegmentAddress (TestAddress '75.1') -JobSeconds 2
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'A virtual farm started from PowerShell' {
    It 'is found by Find-Printer and read by Get-PrinterStatus' {
        $status = Find-Printer -BroadcastAddress (TestAddress '75.1') -Timeout 1 | Get-PrinterStatus
        $status.Address | Sort-Object | Should -Be ($printers.Address.ForEach({ $_.ToString() }) | Sort-Object)
        $status.State | Sort-Object -Unique | Should -Be 'Idle'
    }

    It 'pipes its printers straight into the real cmdlets' {
        ($printers | Get-PrinterStatus).Model | Sort-Object | Should -Be @('Adventurer 4', 'Adventurer 5M Pro')
    }

    It 'runs a started job to Completed, which -Wait follows' {
        $printers[0].Options.StoredFiles = [string[]]@('cube.gx')
        $job = Start-PrinterJob -Address $printers[0].Address -Vendor FlashForge -FileName 'cube.gx' -Wait -PollInterval 0.2 -WaitTimeout 60
        $job.State | Should -Be 'Completed'
        $job.FinalStatus.Progress | Should -Be 100
        $printers[0].JobsStarted | Should -Be 1
    }

    It 'has a valid manifest and full help for <_>' -ForEach @('Start-VirtualPrinterFarm', 'Stop-VirtualPrinterFarm') {
        $manifest = Test-ModuleManifest (Join-Path $RepoRoot 'out/PrinterTools.Simulator/PrinterTools.Simulator.psd1')
        $manifest.ExportedCmdlets.Keys | Should -Contain $_
        Assert-FullHelp $_
    }

    It 'stops nothing when what is piped in turns out empty' {
        $printers | Where-Object { $false } | Stop-VirtualPrinterFarm
        @($printers | Get-PrinterStatus).Count | Should -Be 2
    }

    It 'frees its addresses when stopped' {
        $more = Start-VirtualPrinterFarm -Model Adventurer4 -FirstAddress (TestAddress '75.20') -NoSegment
        $more | Stop-VirtualPrinterFarm
        Get-PrinterStatus -Address (TestAddress '75.20') -Vendor FlashForge -Timeout 5 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterUnreachable,*'
    }
}
