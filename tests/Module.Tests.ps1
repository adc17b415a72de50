# Mirrors tests/PrinterTools.Tests/Module/ModuleShapeTests.cs and HelpInEngineTests.cs.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'The PrinterTools module' {
    It 'passes Test-ModuleManifest' {
        $m = Test-ModuleManifest (Join-Path $RepoRoot 'out/PrinterTools/PrinterTools.psd1')
        $m.ExportedCmdlets.Keys | Sort-Object | Should -Be @('Find-Printer', 'Get-PrinterStatus', 'Receive-PrinterFile', 'Send-PrinterGcode', 'Start-PrinterJob')
        $m.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        Get-Command -Module PrinterTools | ForEach-Object { $_.Verb | Should -BeIn $approved }
    }

    It 'shows full help for <_>' -ForEach @('Find-Printer', 'Get-PrinterStatus', 'Receive-PrinterFile', 'Send-PrinterGcode', 'Start-PrinterJob') {
        $help = Get-Help $_ -Full
        # Without help files Get-Help makes up a synopsis from the syntax, which starts with the name.
        $help.Synopsis | Should -Not -BeLike "$_*"
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $documented = $help.Parameters.Parameter.Name
        (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters } |
            ForEach-Object { $_ | Should -BeIn $documented }
    }

    It 'renders the same table for a deserialized status' {
        $status = [PrinterTools.PrinterStatus]@{ Name = 'Bay 1'; Address = '127.0.0.11'; State = 'Printing'; Progress = 42.5 }
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($status))
        ($copy | Out-String) | Should -Be ($status | Out-String)
    }
}
