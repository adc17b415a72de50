# Suspend-, Resume- and Stop-PrinterJob on the demo farm under real pwsh, each result proven by the virtual printers'
# own state and logs (as tests/Elegoo.Tests.ps1 and tests/Creality.Tests.ps1 do). The farm: an idle Adventurer 4,
# 5M Pro 1 printing, 5M Pro 2 paused, 5M Pro 3 completed, a Centauri Carbon printing, an idle Saturn 4 Ultra, a K1C
# whose last job completed and a K2 Plus printing. The Describes share the farm and run in order: the printing
# printers are left untouched until the pause/resume/stop chain, and 5M Pro 2 and the K1C are used only after it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '78.10') -NoSegment
    $script:a4 = Select-VirtualPrinter $printers FlashForge Adventurer4
    $script:pro1 = $printers | Where-Object { $_.Options.Name -eq 'Farm 5M Pro 1' }
    $script:pro2 = $printers | Where-Object { $_.Options.Name -eq 'Farm 5M Pro 2' }
    $script:carbon = Select-VirtualPrinter $printers Elegoo CentauriCarbon
    $script:k1c = Select-VirtualPrinter $printers Creality K1C
    $script:k2 = Select-VirtualPrinter $printers Creality K2Plus
    # What the demo farm has printing: the chain below must act on these and on no other printer.
    $script:printing = @($pro1, $carbon, $k2)

    function script:PrinterNamed([string] $Name) { $printers | Where-Object { $_.Options.Name -eq $Name } }

    function script:JobCommands($Printer) {
        <#
            The job commands a virtual printer received since its counters were reset, in its own words:
            M24/M25/M26 over the FlashForge console, Cmd 129/130/131 over SDCP, 'pause 1', 'pause 0' or
            'stop 1' set over the Creality WebSocket.
        #>
        switch ($Printer.Vendor) {
            'FlashForge' { @($Printer.CommandLog | Where-Object Code -In 'M24', 'M25', 'M26' | ForEach-Object Code) }
            'Elegoo' { @($Printer.ReceivedCommands | Where-Object Cmd -In 129, 130, 131 | ForEach-Object { "Cmd $($_.Cmd)" }) }
            'Creality' {
                @($Printer.ReceivedRequests | Where-Object { $_.Method -eq 'set' -and $_.Key -in 'pause', 'stop' } |
                        ForEach-Object { "$($_.Key) $(($_.Json | ConvertFrom-Json).params.($_.Key))" })
            }
        }
    }

    function script:StatesOf($Printers) { @($Printers | ForEach-Object { "$($_.Options.Name)=$($_.Options.State)" }) }

    function script:CredentialOf($Printer) {
        # LAN mode: the serial number is the user name, the check code the password.
        [pscredential]::new($Printer.Options.SerialNumber, (ConvertTo-SecureString $Printer.Options.CheckCode -AsPlainText -Force))
    }
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'A printer without a job to act on' {
    It 'Suspend-PrinterJob on the idle Adventurer 4 gives PrinterNoJob and sends nothing' {
        $a4.ResetCounters()
        $out = Suspend-PrinterJob -Address $a4.Address -Vendor FlashForge -ErrorVariable problems -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNoJob,*'
        "$($problems[0].CategoryInfo.Category)" | Should -Be 'InvalidOperation'
        # Only the status was read: no M25, no other state-changing command, no control session (M601).
        $a4.ReceivedCommands | Should -Not -Contain 'M25'
        JobCommands $a4 | Should -BeNullOrEmpty
        $a4.StateChangingCommandsReceived | Should -Be 0
        $a4.CommandLog.Code | Should -Not -Contain 'M601'
        "$($a4.Options.State)" | Should -Be 'Idle'
    }

    It 'Resume-PrinterJob on the printing <Name> gives PrinterNoJob and sends nothing' -ForEach @(
        @{ Name = 'Farm 5M Pro 1'; Vendor = 'FlashForge' }
        @{ Name = 'Workshop Carbon'; Vendor = 'Elegoo' }
        @{ Name = 'Farm K2 Plus'; Vendor = 'Creality' }
    ) {
        $printer = PrinterNamed $Name
        $printer.ResetCounters()
        $out = Resume-PrinterJob -Address $printer.Address -Vendor $Vendor -ErrorVariable problems -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNoJob,*'
        "$($problems[0])" | Should -BeLike '*Printing*'
        JobCommands $printer | Should -BeNullOrEmpty
        "$($printer.Options.State)" | Should -Be 'Printing'
    }

    It 'Stop-PrinterJob -Force on the finished job of <Name> gives PrinterNoJob and sends nothing' -ForEach @(
        @{ Name = 'Farm 5M Pro 3'; Vendor = 'FlashForge' }
        @{ Name = 'Garage K1C'; Vendor = 'Creality' }
    ) {
        $printer = PrinterNamed $Name
        $printer.ResetCounters()
        Stop-PrinterJob -Address $printer.Address -Vendor $Vendor -Force -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNoJob,*'
        JobCommands $printer | Should -BeNullOrEmpty
        "$($printer.Options.State)" | Should -Be 'Completed'
    }
}

Describe 'Without approval nothing reaches the printers' {
    It 'sends nothing with -WhatIf, for each of the three cmdlets, not even the vendor probe' {
        $before = StatesOf $printers
        $printers | ForEach-Object { $_.ResetCounters() }
        $active = ($printing + $pro2).ForEach({ "'$($_.Address)'" }) -join ','
        # No -Vendor: with -WhatIf not even the port probe may connect.
        $out = Invoke-Quietly "$active | Suspend-PrinterJob -WhatIf; $active | Resume-PrinterJob -WhatIf; $active | Stop-PrinterJob -Force -WhatIf"
        $out | Should -BeNullOrEmpty
        $Errors | Should -BeNullOrEmpty
        foreach ($printer in $printers) {
            if ($printer.Vendor -eq 'FlashForge') {
                $printer.TotalConnections | Should -Be 0 -Because "$($printer.Options.Name) must not be contacted"
                $printer.HttpRequests | Should -Be 0 -Because "$($printer.Options.Name) must not be contacted"
            }
            else {
                $printer.TotalWebSockets | Should -Be 0 -Because "$($printer.Options.Name) must not be contacted"
            }
        }
        StatesOf $printers | Should -Be $before
    }

    It 'does not stop a print without -Force in a host that cannot ask, nor with -Force and an explicit -Confirm' {
        $pro1.ResetCounters()
        $manifest = (Join-Path $RepoRoot 'out/PrinterTools/PrinterTools.psd1') -replace "'", "''"
        $address = $pro1.Address
        # A fresh -NonInteractive pwsh: Stop-PrinterJob (ConfirmImpact High) has to ask there, and cannot.
        $answers = Invoke-FreshPwsh @"
Import-Module '$manifest'
try { Stop-PrinterJob -Address $address -Vendor FlashForge -ErrorAction Stop; 'no prompt: stopped' } catch { 'refused: ' + `$_.FullyQualifiedErrorId }
try { Stop-PrinterJob -Address $address -Vendor FlashForge -Force -Confirm -ErrorAction Stop; 'no prompt: stopped' } catch { 'refused: ' + `$_.FullyQualifiedErrorId }
"@
        # The printer was not even contacted, and still prints.
        "$($pro1.Options.State)" | Should -Be 'Printing'
        $pro1.JobsCancelled | Should -Be 0
        $pro1.TotalConnections | Should -Be 0
        # Each call ended with the host's refusal to prompt, not with an error of a printer.
        @($answers).Count | Should -Be 2
        $answers | ForEach-Object { $_ | Should -BeLike 'refused: *' }
        $answers | Should -Not -BeLike '*PrinterNoJob*'
    }
}

Describe 'A farm paused, resumed and stopped' {
    BeforeAll {
        $script:others = @($printers | Where-Object { $_ -notin $printing })
        $script:othersBefore = StatesOf $others
    }

    It 'pauses exactly the printing printers of all three vendors with Get-PrinterStatus | Where-Object State -eq Printing | Suspend-PrinterJob' {
        $printers | ForEach-Object { $_.ResetCounters() }
        $script:paused = @($printers | Get-PrinterStatus | Where-Object State -EQ Printing | Suspend-PrinterJob -ErrorVariable problems)
        $problems | Should -BeNullOrEmpty
        @($paused | ForEach-Object Address | Sort-Object) | Should -Be @($printing.ForEach({ "$($_.Address)" }) | Sort-Object)
        $paused.State | Sort-Object -Unique | Should -Be 'Paused'

        # The printers themselves are paused, each by its vendor's one command, sent once.
        StatesOf $printing | Should -Be @('Farm 5M Pro 1=Paused', 'Workshop Carbon=Paused', 'Farm K2 Plus=Paused')
        JobCommands $pro1 | Should -Be @('M25')
        JobCommands $carbon | Should -Be @('Cmd 129')
        JobCommands $k2 | Should -Be @('pause 1')
        # And no other printer: not even the paused 5M Pro 2 got a command.
        StatesOf $others | Should -Be $othersBefore
        $others | ForEach-Object { JobCommands $_ | Should -BeNullOrEmpty -Because "$($_.Options.Name) was not printing" }
    }

    It 'resumes them with Resume-PrinterJob: Printing again' {
        $printers | ForEach-Object { $_.ResetCounters() }
        $script:resumed = @($paused | Resume-PrinterJob -ErrorVariable problems)
        $problems | Should -BeNullOrEmpty
        @($resumed | ForEach-Object Address | Sort-Object) | Should -Be @($printing.ForEach({ "$($_.Address)" }) | Sort-Object)
        $resumed.State | Sort-Object -Unique | Should -Be 'Printing'

        StatesOf $printing | Should -Be @('Farm 5M Pro 1=Printing', 'Workshop Carbon=Printing', 'Farm K2 Plus=Printing')
        JobCommands $pro1 | Should -Be @('M24')
        JobCommands $carbon | Should -Be @('Cmd 131')
        JobCommands $k2 | Should -Be @('pause 0')
        StatesOf $others | Should -Be $othersBefore
        $others | ForEach-Object { JobCommands $_ | Should -BeNullOrEmpty -Because "$($_.Options.Name) was not paused by the test" }
    }

    It 'stops them with Stop-PrinterJob -Force: Stopped or Idle, on the printers too' {
        $printers | ForEach-Object { $_.ResetCounters() }
        $stopped = @($resumed | Stop-PrinterJob -Force -ErrorVariable problems)
        $problems | Should -BeNullOrEmpty
        @($stopped | ForEach-Object Address | Sort-Object) | Should -Be @($printing.ForEach({ "$($_.Address)" }) | Sort-Object)
        $stopped | ForEach-Object { "$($_.State)" | Should -BeIn 'Stopped', 'Idle' -Because "$($_.Name) was stopped" }

        # The job is gone on each printer: the 5M Pro holds its cancelled job (the console shows READY), the
        # Carbon and the K2 Plus show a stopped job.
        StatesOf $printing | Should -Be @('Farm 5M Pro 1=Cancelled', 'Workshop Carbon=Stopped', 'Farm K2 Plus=Stopped')
        $pro1.JobsCancelled | Should -Be 1
        JobCommands $pro1 | Should -Be @('M26')
        JobCommands $carbon | Should -Be @('Cmd 130')
        JobCommands $k2 | Should -Be @('stop 1')
        # The K2 Plus sends no reply to stop; its stopped job's file and progress stay shown.
        $k2Status = $stopped | Where-Object Address -EQ "$($k2.Address)"
        "$($k2Status.State)" | Should -Be 'Stopped'
        $k2Status.FileName | Should -Be $k2.Options.FileName
        $k2Status.Progress | Should -Be $k2.Options.Progress
        StatesOf $others | Should -Be $othersBefore
        $others | ForEach-Object { JobCommands $_ | Should -BeNullOrEmpty -Because "$($_.Options.Name) was not stopped by the test" }
    }
}

Describe 'A 5M Pro given its check code' {
    It 'is stopped over HTTP /control with -Credential, without the console, and its cancelled-job dialog cleared' {
        "$($pro2.Options.State)" | Should -Be 'Paused'
        $pro2.ResetCounters()
        $status = Stop-PrinterJob -Address $pro2.Address -Vendor FlashForge -Credential (CredentialOf $pro2) -Force -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        "$($status.State)" | Should -Be 'Idle'
        $pro2.JobsCancelled | Should -Be 1
        # Ready for the next job: the dialog was cleared with stateCtrl_cmd setClearPlatform, nobody at the screen.
        "$($pro2.Options.State)" | Should -Be 'Idle'
        # jobCtl_cmd cancel over HTTP, status from /detail: no console line at all, so no M26 and no control session.
        $pro2.HttpRequests | Should -BeGreaterOrEqual 2
        $pro2.ReceivedCommands | Should -BeNullOrEmpty
        $pro2.TotalConnections | Should -Be 0
    }
}

Describe 'A printer that does not show the new state within -Timeout' {
    It 'gives PrinterTimeout, and the command was sent once and never again' {
        # The K1C prints, and after a stop shows 'stopping' (state 7) far longer than the 2 s allowed; it pushes
        # its changes every 0.1 s instead of every second, so the reads within those 2 s do see the 7.
        $k1c.Options.State = 'Printing'
        $k1c.Options.PhaseTime = [timespan]::FromHours(1)
        $pushInterval = $k1c.Options.PushInterval
        $k1c.Options.PushInterval = [timespan]::FromSeconds(0.1)
        try {
            $k1c.ResetCounters()
            Stop-PrinterJob -Address $k1c.Address -Vendor Creality -Force -Timeout 2 -ErrorVariable problems -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterTimeout,*'
            "$($problems[0])" | Should -BeLike '*Stopping*'
            JobCommands $k1c | Should -Be @('stop 1')
            # The printer took it: it is stopping, only slowly.
            "$($k1c.Options.State)" | Should -Be 'Stopped'
        }
        finally {
            $k1c.Options.PhaseTime = [timespan]::FromSeconds(2)
            $k1c.Options.PushInterval = $pushInterval
        }
    }
}
