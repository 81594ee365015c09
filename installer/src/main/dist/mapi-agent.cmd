@echo off
rem mapi-agent launcher for consoles and scripts (diagnose, heal, undo...): runs the agent jar next to
rem this file with the Java runtime the MSI brought (runtime\ beside this file) or, without one, the
rem runtime the MSI recorded, and returns the agent's exit code.
rem Logon mode does not use it: the Run key starts javaw.exe directly, without a console window.
rem No parenthesised blocks around %~dp0: an install folder with ")" in its name would end them early.
setlocal
set "JAVA_HOME_DIR=%~dp0runtime"
if exist "%JAVA_HOME_DIR%\bin\java.exe" goto run
set "JAVA_HOME_DIR="
for /f "tokens=1,2,*" %%A in ('reg query "HKLM\SOFTWARE\MapiAgent\Installer" /v JavaHome /reg:64 2^>nul') do if /i "%%A"=="JavaHome" set "JAVA_HOME_DIR=%%C"
if defined JAVA_HOME_DIR goto run
echo mapi-agent: no Java runtime beside this file nor recorded in HKLM\SOFTWARE\MapiAgent\Installer; reinstall the MSI with JAVA_HOME_DIR=... 1>&2
exit /b 3
:run
rem Same JVM options and archive as the logon mode, so a helpdesk diagnose starts as quickly.
"%JAVA_HOME_DIR%\bin\java.exe" @"%~dp0jvm.args" "-XX:SharedArchiveFile=%LOCALAPPDATA%\MapiAgent\agent.jsa" -jar "%~dp0mapi-agent.jar" %*
exit /b %ERRORLEVEL%
