# The .nupkg of build.ps1 -Task Package, installed the way users get it: from a repository, with
# PSResourceGet, into a scratch folder, then imported in a fresh process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    # Repositories an interrupted run left registered in the user's PSResourceGet settings.
    Get-PSResourceRepository -Name 'PrinterToolsTest-*' -ErrorAction SilentlyContinue | Unregister-PSResourceRepository
    $build = (Join-Path $RepoRoot 'build.ps1') -replace "'", "''"
    Invoke-FreshPwsh "& '$build' -Task Package" | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "build.ps1 -Task Package failed with exit code $LASTEXITCODE" }
    $script:package = Get-ChildItem (Join-Path $RepoRoot 'out/package') -Filter 'PrinterTools.*.nupkg' | Select-Object -First 1
    $script:repository = "PrinterToolsTest-$([guid]::NewGuid().ToString('N'))"
    Register-PSResourceRepository -Name $repository -Uri $package.DirectoryName -Trusted
}

AfterAll {
    if ($repository) { Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue }
}

Describe 'The PrinterTools package' {
    It 'is a .nupkg with the module, its help and the licence' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        foreach ($file in 'PrinterTools.psd1', 'PrinterTools.dll', 'dependencies/PrinterTools.Engine.dll', 'dependencies/PrinterTools.Loader.dll',
            'dependencies/PrinterTools.LoadContext.dll', 'dependencies/Websocket.Client.dll', 'LICENSE', 'en-US/PrinterTools.dll-Help.xml') {
            $entries | Should -Contain $file
        }
        # Only the module assembly in the root: its dependencies load from dependencies/ alone.
        $entries | Where-Object { $_ -like '*.dll' -and $_ -notlike '*/*' } | Should -Be 'PrinterTools.dll'
    }

    It 'is a Release build' {
        $dll = Join-Path $RepoRoot 'out/package/PrinterTools/PrinterTools.dll'
        $assembly = [Reflection.Assembly]::Load([IO.File]::ReadAllBytes($dll))
        $debuggable = $assembly.GetCustomAttributes([Diagnostics.DebuggableAttribute], $false)
        $debuggable.IsJITOptimizerDisabled | Should -Not -Contain $true
    }

    It 'installs with Save-PSResource and imports in a fresh session' {
        $target = (New-Item -ItemType Directory (Join-Path $TestDrive 'modules')).FullName
        Save-PSResource -Name PrinterTools -Repository $repository -Path $target -TrustRepository
        $manifest = Get-ChildItem $target -Recurse -Filter 'PrinterTools.psd1' | Select-Object -First 1
        $manifest | Should -Not -BeNullOrEmpty
        $path = $manifest.FullName -replace "'", "''"
        # Without help files Get-Help makes up a synopsis from the syntax, which starts with the name.
        $commands = Invoke-FreshPwsh "Import-Module '$path'; (Get-Command -Module PrinterTools).Name -join ','; (Get-Help Find-Printer).Synopsis -notlike 'Find-Printer*'; [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([PrinterTools.PrinterInfo].Assembly).Name"
        $LASTEXITCODE | Should -Be 0
        $commands[0] -split ',' | Sort-Object | Should -Be @('Find-Printer', 'Get-PrinterFile', 'Get-PrinterStatus', 'Receive-PrinterFile', 'Remove-PrinterFile', 'Resume-PrinterJob', 'Send-PrinterGcode', 'Set-PrinterFan', 'Set-PrinterLight', 'Set-PrinterTemperature', 'Start-PrinterJob', 'Stop-PrinterJob', 'Suspend-PrinterJob', 'Wait-PrinterJob')
        $commands[1] | Should -Be 'True'
        $commands[2] | Should -Be 'PrinterTools'
    }
}
