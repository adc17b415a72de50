# Mirrors tests/PrinterTools.Tests/Module/ModuleShapeTests.cs and HelpInEngineTests.cs.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'The PrinterTools module' {
    It 'passes Test-ModuleManifest' {
        $m = Test-ModuleManifest (Join-Path $RepoRoot 'out/PrinterTools/PrinterTools.psd1')
        $m.ExportedCmdlets.Keys | Sort-Object | Should -Be @('Find-Printer', 'Get-PrinterFile', 'Get-PrinterStatus', 'Receive-PrinterFile', 'Remove-PrinterFile', 'Resume-PrinterJob', 'Send-PrinterGcode', 'Set-PrinterFan', 'Set-PrinterLight', 'Set-PrinterTemperature', 'Start-PrinterJob', 'Stop-PrinterJob', 'Suspend-PrinterJob', 'Wait-PrinterJob')
        $m.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        Get-Command -Module PrinterTools | ForEach-Object { $_.Verb | Should -BeIn $approved }
    }

    It 'shows full help for <_>' -ForEach @('Find-Printer', 'Get-PrinterFile', 'Get-PrinterStatus', 'Receive-PrinterFile', 'Remove-PrinterFile', 'Resume-PrinterJob', 'Send-PrinterGcode', 'Set-PrinterFan', 'Set-PrinterLight', 'Set-PrinterTemperature', 'Start-PrinterJob', 'Stop-PrinterJob', 'Suspend-PrinterJob', 'Wait-PrinterJob') {
        Assert-FullHelp $_
    }

    It 'renders the same table for a deserialized status' {
        $status = [PrinterTools.PrinterStatus]@{ Name = 'Bay 1'; Address = '127.0.0.11'; State = 'Printing'; Progress = 42.5 }
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($status))
        ($copy | Out-String) | Should -Be ($status | Out-String)
    }
}
